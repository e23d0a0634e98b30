"""The import graph of src/: no module imports itself round a cycle, and layers point inward.

Every import a module runs counts (at the top, in a class or inside a function); imports
under `if TYPE_CHECKING:` never run, so they are left out.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from functools import cache
from pathlib import Path

SRC = Path(__file__).parents[2] / "src"
PACKAGES = ("domain", "application", "projections", "interfaces")
INWARD = {  # who may import whom
    "domain": {"domain"},
    "application": {"domain", "application"},
    "projections": {"domain", "application", "projections"},
    "interfaces": set(PACKAGES),
}


@cache
def modules() -> dict[str, Path]:
    found = {}
    for path in SRC.rglob("*.py"):
        parts = path.relative_to(SRC).with_suffix("").parts
        if parts[0] in PACKAGES:
            name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
            found[name] = path
    return found


def _imported(module: str, path: Path) -> Iterator[str]:
    """The src modules `module` imports when it runs."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    nodes: list[ast.AST] = [ast.parse(path.read_text())]
    while nodes:
        node = nodes.pop()
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            nodes.extend(node.orelse)
            continue
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            for alias in node.names:
                submodule = f"{base}.{alias.name}"
                yield submodule if submodule in modules() else base
        nodes.extend(ast.iter_child_nodes(node))


@cache
def graph() -> dict[str, frozenset[str]]:
    return {
        name: frozenset(d for d in _imported(name, path) if d in modules() and d != name)
        for name, path in modules().items()
    }


def _cycle_from(start: str) -> list[str] | None:
    """A path of imports from `start` back to itself, if there is one."""
    seen: set[str] = set()
    stack = [(start, [start])]
    while stack:
        name, path = stack.pop()
        for dep in sorted(graph()[name]):
            if dep == start:
                return [*path, start]
            if dep not in seen:
                seen.add(dep)
                stack.append((dep, [*path, dep]))
    return None


def test_the_import_graph_sees_the_whole_source_tree():
    assert "interfaces.graphql.types.order" in graph()
    assert "domain.order" in graph()["application.base"]


def test_no_module_in_src_imports_itself_round_a_cycle():
    cycles = {tuple(c) for name in graph() if (c := _cycle_from(name))}
    assert not cycles, "import cycles: " + "; ".join(" -> ".join(c) for c in sorted(cycles))


def test_dependencies_point_inward():
    outward = [
        f"{name} imports {dep}"
        for name, deps in graph().items()
        for dep in deps
        if dep.split(".")[0] not in INWARD[name.split(".")[0]]
    ]
    assert not outward
