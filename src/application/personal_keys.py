"""Where the keys that seal personal data live: their own table, never the event table.

One row per key: its id (named by every field it sealed), the customer it belongs to and
the key itself. Erasing a customer deletes their rows; PostgreSQL keeps no copy a dump
would show. The tests' in-memory event store keeps its keys in memory.

A new key is stored in the transaction of the first events it seals (`Recorder`'s
companion rows), not in one of its own: placing a new customer's order costs no extra
commit, and a key whose events were never stored is never stored either.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from threading import Lock
from typing import Any, Protocol
from uuid import UUID

from psycopg.sql import SQL, Identifier

from application.connections import read_twice
from application.ddl import ddl_turn, table_exists
from application.persistence import Companion, Recorder
from application.recorder_sql import KeyRow

_CREATE = SQL(
    "CREATE TABLE IF NOT EXISTS {schema}.oms_personal_keys ("
    " key_id uuid PRIMARY KEY, subject text NOT NULL, key bytea NOT NULL,"
    " created_at timestamptz NOT NULL DEFAULT now());"
    "CREATE INDEX IF NOT EXISTS oms_personal_keys_subject"
    " ON {schema}.oms_personal_keys (subject, created_at)"
)
_NEWEST = SQL(
    "SELECT key_id, key FROM {schema}.oms_personal_keys WHERE subject = %s"
    " ORDER BY created_at DESC LIMIT 1"
)
# Random ids never collide; one already there is this key, stored by a commit whose
# outcome its writer did not learn.
_ADD = SQL(
    "INSERT INTO {schema}.oms_personal_keys (key_id, subject, key)"
    " SELECT * FROM unnest(%b::uuid[], %b::text[], %b::bytea[]) ON CONFLICT (key_id) DO NOTHING"
)
_GET = SQL("SELECT key FROM {schema}.oms_personal_keys WHERE key_id = %s")
_GET_MANY = SQL("SELECT key_id, key FROM {schema}.oms_personal_keys WHERE key_id = ANY(%s)")
_ERASE = SQL("DELETE FROM {schema}.oms_personal_keys WHERE subject = %s")

NewKey = KeyRow  # key id, subject, key


class Keys(Protocol):
    # True: new keys are stored with the events they seal (the event recorder's save), else at
    # once (`add`).
    with_events: bool

    def newest(self, subject: str) -> tuple[UUID, bytes] | None: ...

    def add(self, keys: Sequence[NewKey]) -> None: ...

    def get(self, key_id: UUID) -> bytes | None: ...

    def get_many(self, key_ids: Collection[UUID]) -> dict[UUID, bytes]:
        """Those of the keys that exist, by id."""

    def erase(self, subject: str) -> int: ...


class MemoryKeys:
    with_events = False

    def __init__(self) -> None:
        self._lock = Lock()
        self._keys: dict[UUID, tuple[str, bytes]] = {}

    def newest(self, subject: str) -> tuple[UUID, bytes] | None:
        with self._lock:
            mine = [(i, k) for i, (s, k) in self._keys.items() if s == subject]
        return mine[-1] if mine else None

    def add(self, keys: Sequence[NewKey]) -> None:
        with self._lock:
            for key_id, subject, key in keys:
                self._keys.setdefault(key_id, (subject, key))

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

    def __init__(self, datastore: Any, *, with_events: bool) -> None:
        self.datastore = datastore
        self.with_events = with_events
        self._schema = Identifier(datastore.schema)
        self._add = SQL(_ADD.format(schema=self._schema).as_string())
        with datastore.get_connection() as guard:  # as the event table: one process at a time
            if table_exists(guard, f"{datastore.schema}.oms_personal_keys"):
                return
            with ddl_turn(guard), datastore.transaction(commit=True) as cur:
                cur.execute(_CREATE.format(schema=self._schema))

    def newest(self, subject: str) -> tuple[UUID, bytes] | None:
        row = self._one(_NEWEST, (subject,))
        return (row["key_id"], bytes(row["key"])) if row else None

    def add(self, keys: Sequence[NewKey]) -> None:
        ids, subjects, secrets = zip(*keys, strict=True)
        with self.datastore.transaction(commit=True) as cur:
            cur.execute(self._add, (list(ids), list(subjects), list(secrets)), prepare=True)

    def get(self, key_id: UUID) -> bytes | None:
        row = self._one(_GET, (key_id,))
        return bytes(row["key"]) if row else None

    def get_many(self, key_ids: Collection[UUID]) -> dict[UUID, bytes]:
        if not key_ids:
            return {}
        found = self._all(_GET_MANY, (list(key_ids),))
        return {row["key_id"]: bytes(row["key"]) for row in found}

    def erase(self, subject: str) -> int:
        with self.datastore.transaction(commit=True) as cur:
            cur.execute(_ERASE.format(schema=self._schema), (subject,))
            return int(cur.rowcount)

    def _one(self, query: SQL, params: tuple[Any, ...]) -> Any:
        found = self._all(query, params)
        return found[0] if found else None

    def _all(self, query: SQL, params: tuple[Any, ...]) -> list[Any]:
        def read() -> list[Any]:
            with self.datastore.transaction(commit=False) as cur:
                return cur.execute(query.format(schema=self._schema), params).fetchall()

        return read_twice(self.datastore, read)


def keys_for(recorder: Any) -> Keys:
    """The key store beside the recorder's events: PostgreSQL's table, or memory.

    New keys go into the events' transaction where the recorder writes companion rows
    (the OMS's `Recorder`), and into one of their own otherwise.
    """
    datastore = getattr(recorder, "datastore", None)
    if datastore is None:
        return MemoryKeys()
    return PostgresKeys(datastore, with_events=isinstance(recorder, Recorder))


def store_keys_with_events(recorder: Any, keys: Keys, companion: Companion) -> None:
    """Have the recorder store `companion`'s new keys with its events, where `keys` can."""
    if keys.with_events and isinstance(recorder, Recorder):
        recorder.companions.append(companion)
