"""Which fields a query asks for below the current one, looking through fragments.

Resolvers of lists use it to load the nested collections they will need in one batch per
collection, up front, instead of one awaitable per parent (graphql-core's per-awaitable
cost dominates a page of 100 orders otherwise).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from strawberry.types.nodes import FragmentSpread, InlineFragment, SelectedField, Selection


def fields(selections: Iterable[Selection]) -> Iterator[SelectedField]:
    """The fields among `selections`, with those of fragments spread in."""
    for selection in selections:
        if isinstance(selection, SelectedField):
            yield selection
        elif isinstance(selection, FragmentSpread | InlineFragment):
            yield from fields(selection.selections)


def below(info: Any, *path: str) -> list[SelectedField]:
    """The fields asked for on the current field's type, or further down `path`."""
    level = [child for field in fields(info.selected_fields) for child in fields(field.selections)]
    for name in path:
        level = [
            child for field in level if field.name == name for child in fields(field.selections)
        ]
    return level


def names(level: Iterable[SelectedField]) -> set[str]:
    return {field.name for field in level}


def names_under(level: Iterable[SelectedField], name: str) -> set[str]:
    """The names of the fields asked for under every `name` field of `level`."""
    return {
        child.name for field in level if field.name == name for child in fields(field.selections)
    }
