"""The OMS on PostgreSQL, its projections, and the GraphQL schema run against the tables.

Tests write through the OMS application (as REST would), call `runner.catch_up()`, then
query with `read.data(...)`: the schema executed with a real read pool, no HTTP. Each
query runs with the fast path and again without it (`OMS_GRAPHQL_FAST_PATH=false`), and
the two answers must be the same: every query of these suites checks both paths.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from psycopg_pool import ConnectionPool
from starlette.requests import Request
from strawberry.types import ExecutionResult

from application.oms import OMS
from interfaces.database import connection_pool
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import open_read_pool
from interfaces.graphql.order_loading import load_orders
from interfaces.graphql.read_signal import ReadModelSignal
from interfaces.graphql.schema import schema_for
from projections import ProjectionRunner
from tests.application.network import Network


def same_answer(result: ExecutionResult) -> tuple[Any, list[tuple[Any, ...]]]:
    """What a client sees of a result: its data and each error's message, path and code."""
    errors = [(e.message, e.path, e.extensions) for e in result.errors or []]
    return result.data, errors


@dataclass
class ReadSide:
    url: str
    oms: OMS
    runner: ProjectionRunner | None = None  # handed to the context (consistency, status)

    def query(
        self,
        document: str,
        variables: Mapping[str, Any] | None = None,
        *,
        headers: Mapping[str, str] | None = None,
        timeout: float = 2.0,
        listen: bool = False,
        fast_path: bool | None = None,
        **connection_kwargs: Any,
    ) -> ExecutionResult:
        """Run one operation on a fresh read pool (`connection_kwargs` go to connections);
        `listen`: with a read model signal, as the server has. `fast_path` None: on both
        paths, checked to agree; True or False: on that path only."""

        async def run() -> ExecutionResult:
            pool = await open_read_pool(self.url, max_size=4, **connection_kwargs)
            signal = ReadModelSignal(self.url) if listen else None
            if signal is not None:
                await signal.start()
            try:
                context = GraphQLContext(
                    pool,
                    load_orders=load_orders,
                    runner=self.runner,
                    log_head=self.oms.head,
                    consistency_timeout=timeout,
                    signal=signal,
                )
                if headers:
                    raw = [(k.lower().encode(), v.encode()) for k, v in headers.items()]
                    context.request = Request({"type": "http", "headers": raw})
                first = schema_for(fast_path=fast_path is not False)
                fast = await first.execute(document, dict(variables or {}), context_value=context)
                if fast_path is None and not headers:  # consistency waits are path-blind
                    context = GraphQLContext(
                        pool, load_orders=load_orders, runner=self.runner, log_head=self.oms.head
                    )
                    plain = await schema_for(fast_path=False).execute(
                        document, dict(variables or {}), context_value=context
                    )
                    assert same_answer(plain) == same_answer(fast), "the two paths differ"
                return fast
            finally:
                if signal is not None:
                    await signal.stop()
                await pool.close()

        return asyncio.run(run())

    def data(
        self, document: str, variables: Mapping[str, Any] | None = None, **kwargs: Any
    ) -> dict[str, Any]:
        result = self.query(document, variables, **kwargs)
        assert result.errors is None, result.errors
        assert result.data is not None
        return result.data


@pytest.fixture
def network(oms: OMS) -> Network:
    return Network(oms)


@pytest.fixture
def projection_pool(database_url: str) -> Iterator[ConnectionPool]:
    pool = connection_pool(database_url, max_size=4)
    yield pool
    pool.close()


@pytest.fixture
def runner(projection_pool: ConnectionPool, oms: OMS) -> Iterator[ProjectionRunner]:
    runner = ProjectionRunner(projection_pool, oms.recorder, oms.mapper)
    runner.setup()
    yield runner
    runner.stop()


@pytest.fixture
def read(database_url: str, oms: OMS, runner: ProjectionRunner) -> ReadSide:
    return ReadSide(database_url, oms)
