"""Running the schema without a database: resolvers that reach for it get a failing pool.

`execute` runs each query with the fast path and without it (`OMS_GRAPHQL_FAST_PATH=false`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, cast

import pytest
from graphql import GraphQLError
from strawberry.types import ExecutionResult

from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import ReadPool
from interfaces.graphql.order_loading import load_orders
from interfaces.graphql.schema import schema_for


class UnreachablePool:
    """Stands in for the read pool; any use is a failure a test can provoke on purpose."""

    def connection(self) -> Any:
        raise RuntimeError("password=secret host=db.internal: connection refused")


Execute = Callable[..., ExecutionResult]


@pytest.fixture(params=[True, False], ids=["fast-path", "plain-path"])
def execute(request: pytest.FixtureRequest) -> Execute:
    chosen = schema_for(fast_path=request.param)

    def run(query: str, variables: dict[str, Any] | None = None) -> ExecutionResult:
        context = GraphQLContext(cast(ReadPool, UnreachablePool()), load_orders=load_orders)
        return asyncio.run(chosen.execute(query, variables, context_value=context))

    return run


def errors(result: ExecutionResult) -> list[GraphQLError]:
    assert result.errors, "expected errors"
    return result.errors


def error_codes(result: ExecutionResult) -> list[str]:
    return [str((e.extensions or {}).get("code")) for e in errors(result)]
