"""Dedicated connections, outside the pool, for LISTEN and for long-held session locks."""

from __future__ import annotations

from typing import Any

import psycopg
from psycopg_pool import ConnectionPool


def dedicated_connection(pool: ConnectionPool) -> psycopg.Connection[Any]:
    """A new autocommit connection to the pool's database."""
    conninfo = pool.conninfo() if callable(pool.conninfo) else pool.conninfo
    kwargs = pool.kwargs() if callable(pool.kwargs) else (pool.kwargs or {})
    return psycopg.connect(conninfo, **{**kwargs, "autocommit": True})
