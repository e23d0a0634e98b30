"""Plain SQL on the read pool: one statement, one round trip, rows as dicts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, LiteralString, TypeAlias

import orjson
import psycopg
from psycopg import AsyncConnection, errors, sql
from psycopg.rows import dict_row
from psycopg.types.json import set_json_loads
from psycopg_pool import AsyncConnectionPool

from application.connections import connection_options, is_lost_connection, reconnect_timeout
from application.persistence import DEFAULT_TIMEOUT
from interfaces.graphql.errors import ReadModelUnavailable

Row = dict[str, Any]
Query: TypeAlias = LiteralString | sql.SQL | sql.Composed
Params: TypeAlias = Sequence[Any] | Mapping[str, Any]
ReadPool: TypeAlias = AsyncConnectionPool[AsyncConnection[Any]]


async def fetch_all(pool: ReadPool, query: Query, params: Params = ()) -> list[Row]:
    """The rows of one statement; tried again once if its connection had broken.

    A database restart leaves every pooled connection dead: the first one that fails
    has the pool check all its idle connections (dropping the dead), and the statement
    runs again on a live one. Timeouts are not tried again: their time is spent.
    """
    try:
        return await _fetch_all(pool, query, params)
    except psycopg.OperationalError as error:
        if not is_lost_connection(error):
            raise
        await pool.check()
        return await _fetch_all(pool, query, params)


async def _fetch_all(pool: ReadPool, query: Query, params: Params) -> list[Row]:
    async with pool.connection() as conn, conn.cursor(row_factory=dict_row) as cur:
        try:
            await cur.execute(query, params)
        except (errors.UndefinedTable, errors.InvalidSchemaName) as error:
            raise ReadModelUnavailable(
                "the read models are not set up yet: start the projections (`oms project`)"
            ) from error
        return await cur.fetchall()


async def fetch_one(pool: ReadPool, query: Query, params: Params = ()) -> Row | None:
    found = await fetch_all(pool, query, params)
    return found[0] if found else None


async def _configure(conn: AsyncConnection[Any]) -> None:
    """jsonb columns (delivery, holds, documents) parsed by orjson: several per order row."""
    set_json_loads(orjson.loads, conn)


async def open_read_pool(
    url: str, *, max_size: int = 10, timeout: float = DEFAULT_TIMEOUT, **kwargs: Any
) -> ReadPool:
    """An opened pool of autocommit connections for the read side (separate from the OMS's).

    Waiting for a connection, connecting and each statement are bounded by `timeout`.
    `kwargs` go to each connection (tests pass a counting `cursor_factory`).
    """
    pool: ReadPool = AsyncConnectionPool(
        url,
        min_size=1,
        max_size=max_size,
        name="graphql-read",
        timeout=timeout,
        reconnect_timeout=reconnect_timeout(timeout),
        kwargs={"autocommit": True, **connection_options(timeout), **kwargs},
        configure=_configure,
        open=False,
    )
    await pool.open(wait=True, timeout=max(timeout, 10.0))
    return pool
