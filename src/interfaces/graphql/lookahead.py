"""Which fields a query asks for below the current one, looking through fragments.

Resolvers of lists use it to load the nested collections they will need in one batch per
collection, up front, instead of one awaitable per parent (graphql-core's per-awaitable
cost dominates a page of 100 orders otherwise).

It reads the query's syntax tree as graphql-core hands it over, only as deep as asked:
strawberry's `info.selected_fields` converts the whole subtree (arguments, directives,
every leaf) on each call, which costs more than a small query's execution. With the fast
path off (`OMS_GRAPHQL_FAST_PATH=false`) it reads strawberry's `selected_fields` instead.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import strawberry.types.nodes as public
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    SelectionNode,
)

from interfaces.graphql.internals import field_nodes

Fragments = Mapping[str, FragmentDefinitionNode]


class Selection(Protocol):
    """A field of the query (by name, not alias) and the fields asked for on it."""

    @property
    def name(self) -> str: ...

    @property
    def selections(self) -> Sequence[Selection]: ...


def fast_path(info: Any) -> bool:
    """Whether the schema running this field takes the fast path (`OMSSchema.fast_path`)."""
    return bool(getattr(info.schema, "fast_path", True))


@dataclass(frozen=True, slots=True)
class SelectedField:
    """A field of the query (by its name, not its alias) and the fields asked for on it."""

    name: str
    node: FieldNode
    fragments: Fragments

    @property
    def selections(self) -> list[SelectedField]:
        selection_set = self.node.selection_set
        if selection_set is None:
            return []
        return list(fields(selection_set.selections, self.fragments))


def fields(selections: Iterable[SelectionNode], fragments: Fragments) -> Iterator[SelectedField]:
    """The fields among `selections`, with those of fragments spread in."""
    for selection in selections:
        if isinstance(selection, FieldNode):
            yield SelectedField(selection.name.value, selection, fragments)
        elif isinstance(selection, InlineFragmentNode):
            yield from fields(selection.selection_set.selections, fragments)
        elif isinstance(selection, FragmentSpreadNode):
            fragment = fragments.get(selection.name.value)
            if fragment is not None:
                yield from fields(fragment.selection_set.selections, fragments)


@dataclass(frozen=True, slots=True)
class Converted:
    """A field as strawberry's public `selected_fields` gives it."""

    name: str
    selections: list[Converted]


def converted(selections: Iterable[public.Selection]) -> Iterator[Converted]:
    """Strawberry's selections, with fragments spread in."""
    for selection in selections:
        if isinstance(selection, public.SelectedField):
            yield Converted(selection.name, list(converted(selection.selections)))
        else:
            yield from converted(selection.selections)


def below(info: Any, *path: str) -> list[Selection]:
    """The fields asked for on the current field's type, or further down `path`."""
    level: list[Selection]
    if fast_path(info):
        nodes, fragments = field_nodes(info)
        level = [
            child
            for node in nodes
            if node.selection_set is not None
            for child in fields(node.selection_set.selections, fragments)
        ]
    else:
        level = [child for field in info.selected_fields for child in converted(field.selections)]
    for name in path:
        level = [child for field in level if field.name == name for child in field.selections]
    return level


def names(level: Iterable[Selection]) -> set[str]:
    return {field.name for field in level}


def names_under(level: Iterable[Selection], name: str) -> set[str]:
    """The names of the fields asked for under every `name` field of `level`."""
    return {child.name for field in level if field.name == name for child in field.selections}
