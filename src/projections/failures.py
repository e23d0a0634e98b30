"""A projection that cannot apply the next events says so, in its tracking row.

The batch transaction rolled back, so the failure is written in a transaction of its own;
`oms projections status` and `/ready` read it from there, whichever process failed. The
next batch that succeeds clears it (see `schemas.set_position`).
"""

from __future__ import annotations

import logging

import psycopg
from psycopg_pool import ConnectionPool, PoolTimeout

from projections import schemas

log = logging.getLogger(__name__)

MAX_ERROR_TEXT = 2000  # characters of a failure kept for status and /ready


def describe(error: BaseException) -> str:
    """`Type: message`, short and storable (NUL spelled out) for the tracking row."""
    text = f"{type(error).__name__}: {error}".replace("\x00", "\\x00")
    return text[:MAX_ERROR_TEXT]


def store(pool: ConnectionPool, name: str, error: str | None) -> None:
    """Record that projection `name` fails with `error` (None: no longer fails)."""
    try:
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            if schemas.exists(cur, name):
                schemas.set_failure(cur, name, error)
    except (psycopg.Error, PoolTimeout):  # the database may be what failed
        log.warning("could not record the state of projection %s", name, exc_info=True)
