"""Where the read models stand (the `tracking` position of each projection's schema), and
asking the projectors for a position a reader waits for."""

from __future__ import annotations

from functools import cache

from psycopg import sql

from interfaces.graphql.db import ReadPool, fetch_one
from projections.registry import all_projections
from projections.wanted import asking


@cache
def names() -> tuple[str, ...]:
    return tuple(p.name for p in all_projections())


@cache
def _query() -> sql.Composed:
    columns = [
        sql.SQL("(SELECT position FROM {}.tracking) AS {}").format(
            sql.Identifier(name), sql.Identifier(name)
        )
        for name in names()
    ]
    return sql.SQL("SELECT {}").format(sql.SQL(", ").join(columns))


async def positions(pool: ReadPool) -> dict[str, int]:
    """{projection name: position}, in one query."""
    row = await fetch_one(pool, _query())
    assert row is not None
    return {name: int(row[name] or 0) for name in names()}


async def reached(pool: ReadPool) -> int:
    """The position every read model has reached."""
    return min((await positions(pool)).values())


async def ask_for(pool: ReadPool, position: int) -> None:
    """Tell the projectors (in whichever process) that a reader waits for `position`: a
    projection short of it starts its next batch without waiting out its gap."""
    await fetch_one(pool, "SELECT pg_notify(%s, %s)", asking(position))
