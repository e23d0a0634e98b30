"""Fixtures for projection tests: an event store to write aggregates, a pool, a runner."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from eventsourcing.domain import Aggregate
from psycopg.rows import dict_row
from psycopg_pool import ConnectionPool

from application.sealing import SealingApplication
from interfaces.database import connection_pool
from projections import ProjectionRunner


class EventStore(SealingApplication):
    """Writes aggregates to the same log (`oms_events`) as the OMS application does."""

    name = "oms"

    def record(self, *aggregates: Aggregate) -> list[Any]:
        """Save the aggregates in one transaction; returns the events saved."""
        return [recording.domain_event for recording in self.save(*aggregates)]


@pytest.fixture
def store(postgres_env: dict[str, str]) -> Iterator[EventStore]:
    app = EventStore(env={**postgres_env, "IS_SNAPSHOTTING_ENABLED": "no"})
    yield app
    app.close()


@pytest.fixture
def pool(database_url: str) -> Iterator[ConnectionPool]:
    pool = connection_pool(database_url, max_size=4)
    yield pool
    pool.close()


@pytest.fixture
def runner(pool: ConnectionPool, store: EventStore) -> Iterator[ProjectionRunner]:
    runner = ProjectionRunner(pool, store.recorder, store.mapper)
    yield runner
    runner.stop()


class Tables:
    """Read helpers over the projection tables (as dicts)."""

    def __init__(self, pool: ConnectionPool) -> None:
        self.pool = pool

    def rows(self, table: str, where: str = "TRUE", *params: Any) -> list[dict[str, Any]]:
        with self.pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
            query = f"SELECT * FROM {table} WHERE {where} ORDER BY 1, 2"
            return cur.execute(query.encode(), params).fetchall()

    def one(self, table: str, where: str = "TRUE", *params: Any) -> dict[str, Any]:
        (row,) = self.rows(table, where, *params)
        return row


@pytest.fixture
def tables(pool: ConnectionPool) -> Tables:
    return Tables(pool)


def snapshot(pool: ConnectionPool, *schemas: str) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every projection table (not the tracking row), in a stable order."""
    found: dict[str, list[tuple[Any, ...]]] = {}
    with pool.connection() as conn:
        names = conn.execute(
            "SELECT table_schema, table_name FROM information_schema.tables"
            " WHERE table_schema = ANY(%s) AND table_name <> 'tracking' ORDER BY 1, 2",
            (list(schemas or ("stock", "order_tracking", "returns")),),
        ).fetchall()
        for schema, table in names:
            query = f'SELECT * FROM "{schema}"."{table}" t ORDER BY t::text'
            found[f"{schema}.{table}"] = conn.execute(query.encode()).fetchall()
    return found
