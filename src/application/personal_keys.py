"""Where the keys that seal personal data live: their own table, never the event table.

One row per key: its id (named by every field it sealed), the customer it belongs to and
the key itself. Erasing a customer deletes their rows; PostgreSQL keeps no copy a dump
would show. The tests' in-memory event store keeps its keys in memory.
"""

from __future__ import annotations

from collections.abc import Collection
from threading import Lock
from typing import Any, Protocol
from uuid import UUID

from psycopg.sql import SQL, Identifier

from application.persistence import ddl_turn, table_exists

_CREATE = SQL(
    "CREATE TABLE IF NOT EXISTS {schema}.oms_personal_keys ("
    " key_id uuid PRIMARY KEY, subject text NOT NULL, key bytea NOT NULL,"
    " created_at timestamptz NOT NULL DEFAULT now());"
    "CREATE INDEX IF NOT EXISTS oms_personal_keys_subject"
    " ON {schema}.oms_personal_keys (subject, created_at)"
)
# The subject's newest key, or the one given, stored: one round trip either way.
_NEWEST_OR_ADD = SQL(
    "WITH found AS (SELECT key_id, key FROM {schema}.oms_personal_keys WHERE subject = %(s)s"
    " ORDER BY created_at DESC LIMIT 1),"
    " added AS (INSERT INTO {schema}.oms_personal_keys (key_id, subject, key)"
    " SELECT %(i)s, %(s)s, %(k)s WHERE NOT EXISTS (SELECT 1 FROM found) RETURNING key_id, key)"
    " SELECT key_id, key FROM found UNION ALL SELECT key_id, key FROM added"
)
_GET = SQL("SELECT key FROM {schema}.oms_personal_keys WHERE key_id = %s")
_GET_MANY = SQL("SELECT key_id, key FROM {schema}.oms_personal_keys WHERE key_id = ANY(%s)")
_ERASE = SQL("DELETE FROM {schema}.oms_personal_keys WHERE subject = %s")


class Keys(Protocol):
    def newest_or_add(self, subject: str, key_id: UUID, key: bytes) -> tuple[UUID, bytes]:
        """The subject's newest key, or (when it has none) this one, now stored."""

    def get(self, key_id: UUID) -> bytes | None: ...

    def get_many(self, key_ids: Collection[UUID]) -> dict[UUID, bytes]:
        """Those of the keys that exist, by id."""

    def erase(self, subject: str) -> int: ...


class MemoryKeys:
    def __init__(self) -> None:
        self._lock = Lock()
        self._keys: dict[UUID, tuple[str, bytes]] = {}

    def newest_or_add(self, subject: str, key_id: UUID, key: bytes) -> tuple[UUID, bytes]:
        with self._lock:
            mine = [(i, k) for i, (s, k) in self._keys.items() if s == subject]
            if not mine:
                self._keys[key_id] = (subject, key)
            return mine[-1] if mine else (key_id, key)

    def get(self, key_id: UUID) -> bytes | None:
        with self._lock:
            found = self._keys.get(key_id)
        return found[1] if found else None

    def get_many(self, key_ids: Collection[UUID]) -> dict[UUID, bytes]:
        with self._lock:
            return {i: self._keys[i][1] for i in key_ids if i in self._keys}

    def erase(self, subject: str) -> int:
        with self._lock:
            mine = [i for i, (s, _) in self._keys.items() if s == subject]
            for key_id in mine:
                del self._keys[key_id]
        return len(mine)


class PostgresKeys:
    """The keys table beside the event table, reached through the event store's pool."""

    def __init__(self, datastore: Any) -> None:
        self.datastore = datastore
        self._schema = Identifier(datastore.schema)
        with datastore.get_connection() as guard:  # as the event table: one process at a time
            if table_exists(guard, f"{datastore.schema}.oms_personal_keys"):
                return
            with ddl_turn(guard), datastore.transaction(commit=True) as cur:
                cur.execute(_CREATE.format(schema=self._schema))

    def newest_or_add(self, subject: str, key_id: UUID, key: bytes) -> tuple[UUID, bytes]:
        with self.datastore.transaction(commit=True) as cur:
            query = _NEWEST_OR_ADD.format(schema=self._schema)
            row = cur.execute(query, {"s": subject, "i": key_id, "k": key}).fetchone()
        return row["key_id"], bytes(row["key"])

    def get(self, key_id: UUID) -> bytes | None:
        row = self._one(_GET, (key_id,))
        return bytes(row["key"]) if row else None

    def get_many(self, key_ids: Collection[UUID]) -> dict[UUID, bytes]:
        if not key_ids:
            return {}
        with self.datastore.transaction(commit=False) as cur:
            query = _GET_MANY.format(schema=self._schema)
            found = cur.execute(query, (list(key_ids),)).fetchall()
        return {row["key_id"]: bytes(row["key"]) for row in found}

    def erase(self, subject: str) -> int:
        with self.datastore.transaction(commit=True) as cur:
            cur.execute(_ERASE.format(schema=self._schema), (subject,))
            return int(cur.rowcount)

    def _one(self, query: SQL, params: tuple[Any, ...]) -> Any:
        with self.datastore.transaction(commit=False) as cur:
            return cur.execute(query.format(schema=self._schema), params).fetchone()


def keys_for(recorder: Any) -> Keys:
    """The key store beside the recorder's events: PostgreSQL's table, or memory."""
    datastore = getattr(recorder, "datastore", None)
    return PostgresKeys(datastore) if datastore is not None else MemoryKeys()
