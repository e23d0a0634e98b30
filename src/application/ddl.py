"""DDL one process at a time: processes starting together create tables in turn.

`ddl_turn` holds a session advisory lock on a connection of its own while the DDL runs on
another; `table_exists` lets a process that finds its tables skip DDL altogether.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import psycopg
from eventsourcing.persistence import OperationalError
from psycopg.rows import tuple_row

# Advisory lock key (hashed) held while a process creates the event store's tables.
DDL_LOCK = "oms.event_store.ddl"
DDL_WAIT_S = 120.0  # seconds one process waits for another's DDL at most


def table_exists(conn: psycopg.Connection[Any], table: str) -> bool:
    with conn.cursor(row_factory=tuple_row) as cur:
        row = cur.execute("SELECT to_regclass(%s) IS NOT NULL", (table,)).fetchone()
    return bool(row and row[0])


def function_exists(conn: psycopg.Connection[Any], function: str) -> bool:
    """Whether the function `function` (schema-qualified) exists."""
    with conn.cursor(row_factory=tuple_row) as cur:
        row = cur.execute("SELECT to_regproc(%s) IS NOT NULL", (function,)).fetchone()
    return bool(row and row[0])


@contextmanager
def ddl_turn(guard: psycopg.Connection[Any]) -> Iterator[None]:
    """Hold the DDL lock (on `guard`, a connection of its own) while DDL runs elsewhere.

    Tried again and again rather than waited for: a wait longer than the connection's
    statement timeout would fail while another process works.
    """
    deadline = time.monotonic() + DDL_WAIT_S
    while not _try_lock(guard, DDL_LOCK):
        if time.monotonic() > deadline:
            raise OperationalError("another process held the DDL lock too long")
        time.sleep(0.05)
    try:
        yield
    finally:
        guard.execute("SELECT pg_advisory_unlock(hashtext(%s))", (DDL_LOCK,))


def _try_lock(conn: psycopg.Connection[Any], key: str) -> bool:
    """Take the session advisory lock `key` if it is free (any row factory)."""
    with conn.cursor(row_factory=tuple_row) as cur:
        row = cur.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (key,)).fetchone()
    return bool(row and row[0])
