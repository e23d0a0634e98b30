"""The fast path for plain leaf fields gives what strawberry's own execution gives."""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import Any

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

from interfaces.graphql.execution import FastExecutionContext


@strawberry.enum
class Colour(Enum):
    RED = "red"
    DARK_BLUE = "dark-blue"


@strawberry.type
class Inner:
    name: str
    colour: Colour


@strawberry.type
class Item:
    id: strawberry.ID
    count: int
    colour: Colour
    maybe: str | None
    broken: str  # set to None below: a non-null field without a value
    inner: Inner

    @strawberry.field
    def doubled(self, by: int = 2) -> int:
        return self.count * by


@strawberry.type
class Query:
    @strawberry.field
    def items(self) -> list[Item]:
        return [
            Item(
                id=strawberry.ID(str(n)),
                count=n,
                colour=c,
                maybe=None,
                broken="ok",
                inner=Inner(name=f"i{n}", colour=c),
            )
            for n, c in enumerate(Colour)
        ]

    @strawberry.field
    async def bad(self) -> Item | None:
        return Item(
            id=strawberry.ID("x"),
            count=1,
            colour=Colour.RED,
            maybe="m",
            broken=None,  # type: ignore[arg-type]
            inner=Inner(name="n", colour=Colour.RED),
        )


QUERIES = [
    "{ items { id count colour maybe inner { name colour } doubled(by: 3) } }",
    "{ items { ...F } } fragment F on Item { a: id colour b: colour inner { colour } }",
    "query($skip: Boolean!) { items { id @skip(if: $skip) count @include(if: true) } }",
    "{ bad { id broken } items { count } }",
    "{ bad { maybe inner { name } } }",
]


def run(context: type, query: str) -> dict[str, Any]:
    schema = strawberry.Schema(query=Query, execution_context_class=context)
    result = asyncio.run(schema.execute(query, variable_values={"skip": False}))
    return {"data": result.data, "errors": [(e.message, e.path) for e in result.errors or []]}


@pytest.mark.parametrize("query", QUERIES)
def test_the_fast_path_answers_like_strawberry(query: str) -> None:
    expected = run(StrawberryGraphQLCoreExecutionContext, query)
    assert run(FastExecutionContext, query) == expected


def test_a_null_in_a_non_null_field_is_still_an_error() -> None:
    result = run(FastExecutionContext, "{ bad { id broken } }")
    assert result["data"] == {"bad": None}
    assert result["errors"] == [
        ("Cannot return null for non-nullable field Item.broken.", ["bad", "broken"])
    ]
