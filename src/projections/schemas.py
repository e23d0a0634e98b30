"""Creating, naming and locking the schema each projection writes."""

from __future__ import annotations

from functools import cache
from typing import Any

from psycopg import Connection, Cursor, sql

from projections.base import Projection

SHADOW_SUFFIX = "__rebuild"
FINGERPRINT_PREFIX = "oms read model, DDL "


def shadow_name(projection: Projection) -> str:
    """Where a rebuild builds the projection's tables before they are swapped in."""
    return projection.name + SHADOW_SUFFIX


def lock_key(projection: Projection, purpose: str = "apply") -> str:
    """Text hashed into the advisory lock a projection's writers take (see `lock`)."""
    return f"oms.projection.{purpose}.{projection.name}"


def lock(cur: Cursor[Any], key: str, *, wait: bool, durable: bool = True) -> bool:
    """Take the transaction-scoped advisory lock `key`; False if busy and not waiting.

    `durable=False` also lets the transaction commit without waiting for its WAL to reach
    the disk (`synchronous_commit` off for this transaction only), in the same statement:
    for transactions writing nothing but read models and their position (see `run_batch`).
    """
    asynchronous = "" if durable else ", set_config('synchronous_commit', 'off', true)"
    if wait:
        cur.execute(f"SELECT pg_advisory_xact_lock(hashtext(%s)){asynchronous}", (key,))
        return True
    row = cur.execute(
        f"SELECT pg_try_advisory_xact_lock(hashtext(%s)){asynchronous}", (key,)
    ).fetchone()
    return bool(row and row[0])


def claim(conn: Connection[Any], projection: Projection, purpose: str) -> bool:
    """Take the session-scoped advisory lock for `purpose` ("rebuild", "verify") on a
    connection held for the whole job; False if another session holds it."""
    key = lock_key(projection, purpose)
    row = conn.execute("SELECT pg_try_advisory_lock(hashtext(%s))", (key,)).fetchone()
    return bool(row and row[0])


def recreate(cur: Cursor[Any], projection: Projection, schema: str) -> None:
    """An empty copy of the projection's tables in `schema`, dropping what was there."""
    drop(cur, schema)
    create(cur, projection, schema)


def use_schema(cur: Cursor[Any], schema: str) -> None:
    """Point unqualified names at `schema` until the transaction ends."""
    cur.execute(_rendered("SET LOCAL search_path TO {}", schema))


def exists(cur: Cursor[Any], schema: str) -> bool:
    row = cur.execute("SELECT to_regclass(%s)", (f'"{schema}".tracking',)).fetchone()
    return row is not None and row[0] is not None


def create(cur: Cursor[Any], projection: Projection, schema: str) -> None:
    """Create `schema` holding the projection's empty tables, at position 0.

    The schema's comment records the DDL's fingerprint (see `is_current`).
    """
    cur.execute(sql.SQL("CREATE SCHEMA {}").format(sql.Identifier(schema)))
    cur.execute(
        sql.SQL("COMMENT ON SCHEMA {} IS {}").format(
            sql.Identifier(schema), sql.Literal(FINGERPRINT_PREFIX + projection.fingerprint())
        )
    )
    use_schema(cur, schema)
    cur.execute(projection.ddl().encode())


def make_scratch(cur: Cursor[Any], schema: str) -> None:
    """Make the (empty) tables of `schema` unlogged (written without WAL, emptied after a
    crash) and left alone by autovacuum: for scratch tables only, filled once and dropped."""
    tables = cur.execute(
        "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
        " WHERE n.nspname = %s AND c.relkind = 'r'",
        (schema,),
    ).fetchall()
    for (table,) in tables:
        cur.execute(
            sql.SQL("ALTER TABLE {} SET UNLOGGED, SET (autovacuum_enabled = false)").format(
                sql.Identifier(schema, table)
            )
        )


def is_current(cur: Cursor[Any], projection: Projection, schema: str) -> bool:
    """Whether `schema` was created from the projection's DDL as it is now."""
    row = cur.execute(
        "SELECT obj_description(oid, 'pg_namespace') FROM pg_namespace WHERE nspname = %s",
        (schema,),
    ).fetchone()
    return row is not None and row[0] == FINGERPRINT_PREFIX + projection.fingerprint()


def drop(cur: Cursor[Any], schema: str) -> None:
    cur.execute(sql.SQL("DROP SCHEMA IF EXISTS {} CASCADE").format(sql.Identifier(schema)))


def rename(cur: Cursor[Any], old: str, new: str) -> None:
    cur.execute(
        sql.SQL("ALTER SCHEMA {} RENAME TO {}").format(sql.Identifier(old), sql.Identifier(new))
    )


def ensure(conn: Connection[Any], projection: Projection) -> bool:
    """Create the projection's live schema if it does not exist yet (safe to race).

    False when the schema exists but was built from other DDL: it needs a rebuild.
    """
    with conn.transaction(), conn.cursor() as cur:
        if not exists(cur, projection.name):
            lock(cur, lock_key(projection), wait=True)
            if not exists(cur, projection.name):
                create(cur, projection, projection.name)
        return is_current(cur, projection, projection.name)


def position(cur: Cursor[Any], schema: str) -> int:
    """The last log position applied to `schema`."""
    row = cur.execute(_rendered("SELECT position FROM {}.tracking", schema)).fetchone()
    assert row is not None, f"{schema}.tracking has no row"
    return int(row[0])


def position_for_update(cur: Cursor[Any], schema: str) -> int:
    """The last log position applied to `schema`, its row locked until the transaction
    ends, and unqualified names pointed at `schema` (`use_schema`): one statement."""
    statement = _rendered(
        "SELECT position, set_config('search_path', %s, true) FROM {}.tracking FOR UPDATE",
        schema,
    )
    row = cur.execute(statement, (_search_path(schema),)).fetchone()
    assert row is not None, f"{schema}.tracking has no row"
    return int(row[0])


@cache
def _search_path(schema: str) -> str:
    return sql.Identifier(schema).as_string()


def set_position(
    cur: Cursor[Any], schema: str, value: int, notify: tuple[str, str] | None = None
) -> None:
    """Move the position; a batch that succeeds also clears the last failure. With
    `notify` (channel, payload), the same statement queues that notification."""
    move = (
        "UPDATE {}.tracking SET position = %s, updated_at = now(), error = NULL, failed_at = NULL"
    )
    if notify is None:
        cur.execute(_rendered(move, schema), (value,))
    else:  # one row: one notification
        cur.execute(_rendered(move + " RETURNING pg_notify(%s, %s)", schema), (value, *notify))


def move_if_at(
    cur: Cursor[Any], schema: str, start: int, end: int, key: str, notify: tuple[str, str]
) -> bool:
    """Move the position from `start` to `end` in one statement on an autocommit cursor
    (its own transaction, committed without waiting for the disk), as `set_position` does
    with `notify`; only if the position still is `start` and nobody holds the lock `key`.

    For a read model with none of its events after `start` up to `end`: no batch could
    have anything to apply there, so moving the position is all a batch would do.
    Compare-and-set on the position keeps that true whatever other workers did since
    `start` was read (a batch of another process, a rebuild swapped in). False: not moved.
    """
    statement = _rendered(
        "UPDATE {}.tracking SET position = %s, updated_at = now(), error = NULL,"
        " failed_at = NULL WHERE pg_try_advisory_xact_lock(hashtext(%s)) AND position = %s"
        " RETURNING pg_notify(%s, %s), set_config('synchronous_commit', 'off', true)",
        schema,
    )
    return cur.execute(statement, (end, key, start, *notify)).fetchone() is not None


@cache
def _rendered(statement: str, schema: str) -> bytes:
    """A statement naming `schema`, composed once (each batch runs several)."""
    return sql.SQL(statement).format(sql.Identifier(schema)).as_string().encode()


def set_failure(cur: Cursor[Any], schema: str, error: str | None) -> None:
    """Record why applying events to `schema` failed (None: it no longer fails)."""
    cur.execute(
        sql.SQL(
            "UPDATE {}.tracking SET error = %s,"
            " failed_at = CASE WHEN %s::text IS NULL THEN NULL ELSE now() END"
        ).format(sql.Identifier(schema)),
        (error, error),
    )
