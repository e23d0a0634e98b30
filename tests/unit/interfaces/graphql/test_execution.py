"""Compiled plain fields give what strawberry's own execution gives, errors included."""

from __future__ import annotations

import asyncio
from enum import Enum
from typing import Annotated, Any, ClassVar

import pytest
import strawberry
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from structlog.testing import capture_logs

from interfaces.graphql.execution import FastExecutionContext
from interfaces.graphql.schema import DocumentPolicy


@strawberry.enum
class Colour(Enum):
    RED = "red"
    DARK_BLUE = "dark-blue"


@strawberry.type
class Inner:
    name: str
    colour: Colour


@strawberry.type
class Other:
    label: str


Either = Annotated[Inner | Other, strawberry.union("Either")]


@strawberry.type
class Item:
    id: strawberry.ID
    count: int
    colour: Colour
    maybe: str | None
    broken: str  # set to None below: a non-null field without a value
    inner: Inner
    inners: list[Inner]
    gaps: list[Inner]  # holds a None below: a non-null item without a value
    either: Either

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
                inners=[Inner(name=f"j{n}", colour=c), Inner(name=f"k{n}", colour=c)],
                gaps=[Inner(name="g", colour=c), None],  # type: ignore[list-item]
                either=Other(label=f"o{n}") if n else Inner(name="e", colour=c),
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
            inners=[],
            gaps=[],
            either=Other(label="x"),
        )


QUERIES = [
    "{ items { id count colour maybe inner { name colour } doubled(by: 3) } }",
    "{ items { ...F } } fragment F on Item { a: id colour b: colour inner { colour } }",
    "query($skip: Boolean!) { items { id @skip(if: $skip) count @include(if: true) } }",
    "{ bad { id broken } items { count } }",
    "{ bad { maybe inner { name } } }",
    "{ items { inners { name colour __typename } } }",
    "{ items { inner { name } } items { inner { colour } a: inners { name } } }",
    "{ items { count gaps { name } } }",
    "{ items { either { __typename ... on Inner { name } ... on Other { label } } } }",
    "query($skip: Boolean!) { items { inners { name @include(if: $skip) colour } } }",
]


def run(context: type, query: str) -> dict[str, Any]:
    schema = strawberry.Schema(query=Query, execution_context_class=context)
    result = asyncio.run(schema.execute(query, variable_values={"skip": False}))
    return {"data": result.data, "errors": [(e.message, e.path) for e in result.errors or []]}


@pytest.mark.parametrize("query", QUERIES)
def test_the_fast_path_answers_like_strawberry(query: str) -> None:
    expected = run(StrawberryGraphQLCoreExecutionContext, query)
    assert run(FastExecutionContext, query) == expected


class CountingContext(FastExecutionContext):
    """Counts the fields graphql-core executes itself (not by a compiled function)."""

    generic: ClassVar[list[str]] = []

    def execute_field(self, parent_type: Any, source: Any, group: Any, *args: Any) -> Any:
        run = self._field(parent_type, group)
        if run is None:
            self.generic.append(group[0].node.name.value)
        return super().execute_field(parent_type, source, group, *args)


def test_a_plain_subtree_is_built_in_one_go_without_graphql_cores_field_execution() -> None:
    CountingContext.generic = []
    result = run(CountingContext, "{ items { id colour inner { name } inners { colour } } }")
    assert not result["errors"]
    assert len(result["data"]["items"]) == 2
    # Only `items` (a resolver) runs through graphql-core; each item's fields are compiled.
    assert CountingContext.generic == ["items"]


def test_a_null_in_a_non_null_field_is_still_an_error() -> None:
    result = run(FastExecutionContext, "{ bad { id broken } }")
    assert result["data"] == {"bad": None}
    assert result["errors"] == [
        ("Cannot return null for non-nullable field Item.broken.", ["bad", "broken"])
    ]


class CompileCounting(FastExecutionContext):
    """Counts the fields it compiles (rather than finds compiled already)."""

    compiled: ClassVar[list[str]] = []

    def _compile_field(self, parent_type: Any, group: Any) -> Any:
        self.compiled.append(group[0].node.name.value)
        return super()._compile_field(parent_type, group)


def compiled_over(query: str, requests: int) -> list[str]:
    """The fields compiled while `requests` requests run the query (parsed once, cached)."""
    CompileCounting.compiled = []
    schema = strawberry.Schema(
        query=Query, extensions=[DocumentPolicy], execution_context_class=CompileCounting
    )
    for _ in range(requests):
        result = asyncio.run(schema.execute(query, variable_values={"skip": False}))
        assert not result.errors
    return CompileCounting.compiled


def test_a_document_without_directives_is_compiled_once_for_all_requests() -> None:
    query = "{ items { id a: inner { name } } }"
    assert sorted(compiled_over(query, 3)) == ["id", "inner", "items", "name"]


def test_a_document_with_directives_is_compiled_for_each_request() -> None:
    # The variables decide what is selected, so nothing is kept across requests.
    query = "query($skip: Boolean!) { items { id @skip(if: $skip) count } }"
    assert sorted(compiled_over(query, 2)) == ["count", "count", "id", "id", "items", "items"]


@strawberry.type
class Counted:
    count: int


@strawberry.type
class FaultyQuery:
    @strawberry.field
    def counted(self) -> list[Counted]:
        return [Counted(count=1), Counted(count="many")]  # type: ignore[arg-type]


def test_a_value_a_compiled_field_fails_on_is_logged_and_reported_by_graphql_core() -> None:
    schema = strawberry.Schema(query=FaultyQuery, execution_context_class=FastExecutionContext)
    with capture_logs() as logs:
        result = asyncio.run(schema.execute("{ counted { count } }"))

    assert result.data is None
    assert [e.path for e in result.errors or []] == [["counted", 1, "count"]]
    assert "cannot represent" in (result.errors or [])[0].message
    fell_back = [e for e in logs if e["event"] == "compiled field fell back to graphql-core"]
    assert fell_back
    assert "many" in fell_back[0]["error"]
