"""An unreachable database is DATABASE_UNAVAILABLE, with the driver's words kept inside."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from types import SimpleNamespace
from typing import Any, cast

import psycopg
import pytest
from psycopg_pool import PoolTimeout

from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import ReadPool
from interfaces.graphql.errors import DATABASE_UNAVAILABLE
from interfaces.graphql.order_loading import load_orders
from interfaces.graphql.schema import schema_for
from tests.unit.interfaces.graphql.conftest import error_codes, errors

DRIVER_TEXT = "connection to server on socket /tmp/pg/.s.PGSQL.5432 failed: secret"


class DownPool:
    """A read pool whose database is down: every use fails as psycopg's pool does."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.attempts = 0
        self.checks = 0

    def connection(self) -> Any:
        self.attempts += 1
        raise self.error

    async def check(self) -> None:
        self.checks += 1


Run = Callable[..., Any]


@pytest.fixture(params=[True, False], ids=["fast-path", "plain-path"])
def run(request: pytest.FixtureRequest) -> Run:
    """Runs a query against a down pool, with the GraphQL fast path and without it."""
    schema = schema_for(fast_path=request.param)

    def execute(
        query: str, error: Exception, headers: dict[str, str] | None = None, pool: Any = None
    ) -> Any:
        context = GraphQLContext(cast(ReadPool, pool or DownPool(error)), load_orders=load_orders)
        if headers is not None:
            context.request = cast(Any, SimpleNamespace(headers=headers))
        return asyncio.run(schema.execute(query, context_value=context))

    return execute


def assert_unavailable(result: Any) -> None:
    assert error_codes(result) == [DATABASE_UNAVAILABLE]
    message = str(errors(result)[0].formatted)
    assert "secret" not in message
    assert "socket" not in message
    assert "try again" in errors(result)[0].message


def test_a_read_while_the_pool_times_out_is_database_unavailable(run: Run) -> None:
    result = run('{ node(code: "DC-1") { code } }', PoolTimeout(DRIVER_TEXT))
    assert_unavailable(result)
    assert result.data == {"node": None}


def test_a_read_while_the_pool_times_out_is_not_tried_again(run: Run) -> None:
    pool = DownPool(PoolTimeout(DRIVER_TEXT))
    run("{ nodes { code } }", pool.error, pool=pool)
    assert pool.attempts == 1


def test_a_read_on_a_lost_connection_is_tried_once_more_after_a_pool_check(run: Run) -> None:
    pool = DownPool(psycopg.OperationalError(DRIVER_TEXT))
    assert_unavailable(run("{ nodes { code } }", pool.error, pool=pool))
    assert pool.attempts == 2
    assert pool.checks == 1


def test_a_consistency_wait_on_an_unreachable_database_is_database_unavailable(run: Run) -> None:
    # Raised by an extension before execution, outside any resolver.
    result = run(
        "{ nodes { code } }",
        PoolTimeout(DRIVER_TEXT),
        headers={"X-OMS-Consistent-After": "5"},
    )
    assert_unavailable(result)
    assert result.data is None
