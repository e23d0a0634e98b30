"""String inputs a read can use: no control characters, in arguments or in variables.

The read models hold no such text (the commands refuse it, see `domain.limits`), and
PostgreSQL refuses NUL in a query parameter, so a lookup by such a string would fail
deep in a resolver. Here it is a BAD_USER_INPUT error before anything runs.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql import DocumentNode, GraphQLError, StringValueNode, Visitor, visit

from domain.limits import refused_character
from interfaces.graphql.errors import BadUserInput

CODE = BadUserInput.code


def refused_literals(document: DocumentNode) -> list[GraphQLError]:
    """An error for each string literal in the document holding a refused character."""
    found: list[GraphQLError] = []

    class Strings(Visitor):
        def enter_string_value(self, node: StringValueNode, *_: Any) -> None:
            refused = refused_character(node.value)
            if refused is not None:
                message = f"A string argument holds a control character ({refused})."
                found.append(GraphQLError(message, node, extensions={"code": CODE}))

    visit(document, Strings())
    return found


def refused_variables(variables: Mapping[str, Any] | None) -> list[GraphQLError]:
    """An error for each variable holding, anywhere inside it, a refused character."""
    found = []
    for name, value in (variables or {}).items():
        refused = _refused_in(value)
        if refused is not None:
            message = f"Variable ${name} holds a control character ({refused})."
            found.append(GraphQLError(message, extensions={"code": CODE, "variable": name}))
    return found


def _refused_in(value: Any) -> str | None:
    if isinstance(value, str):
        return refused_character(value)
    if isinstance(value, Mapping):
        items = [*value.keys(), *value.values()]
    elif isinstance(value, list):
        items = value
    else:
        return None
    for item in items:
        refused = _refused_in(item)
        if refused is not None:
            return refused
    return None
