"""The statements the OMS's event recorder runs instead of the library's, rendered once.

The library composes each statement anew on every call (psycopg's `SQL.format`, then
rendered to bytes at each execute), sends a save through psycopg's pipeline with the
events as an array of a composite type dumped as text, and reads rows as dicts. Here:

- a save is one round trip: a prepared call of a PL/pgSQL function (`SAVE_FUNCTION`,
  made with the events table) that in one transaction stores the new keys, takes the
  table lock, notifies and inserts the events, all given as arrays in binary
  (`application.binary_arrays`). The call runs in its own implicit
  transaction (the connection is in autocommit mode), committed before the answer comes.
  No pipeline (which can wait forever on a large save: psycopg stops sending once nothing
  more is queued, even when the socket took only part of a large message);
- reading the log after a position (what every command's catch-up does) and reading
  given aggregates' events with their positions use statements rendered once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from psycopg.sql import SQL, Composable, Identifier

from application import binary_arrays as arrays

COLUMNS = "notification_id, originator_id, originator_version, topic, state"
# The table the keys sealing personal data live in (`application.personal_keys`).
KEYS_TABLE = "oms_personal_keys"
KeyRow = tuple[UUID, str, bytes]  # a new key: its id, its subject and the key

# Stores new keys and events in the caller's transaction: the keys (if any) first, then,
# if there are events, the table lock (so that log positions are given in commit order),
# the notification, and the events, answering their log positions in the order given.
_SAVE_FUNCTION = """
CREATE OR REPLACE FUNCTION {function}(
    ids uuid[], versions bigint[], topics text[], states bytea[],
    key_ids uuid[], subjects text[], secrets bytea[], wait_for_lock text
) RETURNS SETOF bigint LANGUAGE plpgsql AS $save$
BEGIN
    IF cardinality(key_ids) > 0 THEN
        INSERT INTO {keys} (key_id, subject, key)
            SELECT * FROM unnest(key_ids, subjects, secrets) ON CONFLICT (key_id) DO NOTHING;
    END IF;
    IF cardinality(ids) > 0 THEN
        PERFORM set_config('lock_timeout', wait_for_lock, true);
        LOCK TABLE {events} IN EXCLUSIVE MODE;
        NOTIFY {channel};
        RETURN QUERY INSERT INTO {events} (originator_id, originator_version, topic, state)
            SELECT * FROM unnest(ids, versions, topics, states) RETURNING notification_id;
    END IF;
END
$save$
"""


class Statements:
    def __init__(self, schema: str, table: str, lock_timeout_s: int, channel: str) -> None:
        events = SQL("{}.{}").format(Identifier(schema), Identifier(table))
        function = SQL("{}.{}").format(Identifier(schema), Identifier(save_function(table)))
        self.function = f"{schema}.{save_function(table)}"
        self.create_function = _rendered(
            SQL(_SAVE_FUNCTION).format(
                function=function,
                keys=SQL("{}.{}").format(Identifier(schema), Identifier(KEYS_TABLE)),
                events=events,
                channel=Identifier(channel),
            )
        )
        self.lock_timeout = f"{lock_timeout_s}s"
        self.save = _rendered(
            SQL(
                "SELECT * FROM {}(%b::uuid[], %b::bigint[], %b::text[], %b::bytea[],"
                " %b::uuid[], %b::text[], %b::bytea[], %b::text)"
            ).format(function)
        )
        select = f"SELECT {COLUMNS} FROM {{}} WHERE notification_id {{}} %s"
        order = " ORDER BY notification_id LIMIT %s"
        self.after = _rendered(SQL(select + order).format(events, SQL(">")))
        self.from_ = _rendered(SQL(select + order).format(events, SQL(">=")))
        self.of_aggregates = _rendered(
            SQL(f"SELECT {COLUMNS} FROM {{}} WHERE originator_id = ANY(%b::uuid[])").format(events)
        )


def save_function(table: str) -> str:
    """The name of the function saving into the events table `table`."""
    return f"oms_save_{table}"[:63]


def _rendered(statement: Composable) -> SQL:
    return SQL(statement.as_string())


def save(
    curs: Any, statements: Statements, keys: Sequence[KeyRow], stored_events: Sequence[StoredEvent]
) -> list[int]:
    """The new `keys` and the events stored in one transaction (one round trip); the
    events' log positions. The cursor's connection is in autocommit mode: the call is its
    own transaction, rolled back whole on any failure."""
    key_ids, subjects, secrets = zip(*keys, strict=True) if keys else ((), (), ())
    curs.execute(
        statements.save,
        (
            arrays.uuids([e.originator_id for e in stored_events]),
            arrays.int8s([e.originator_version for e in stored_events]),
            arrays.texts([e.topic for e in stored_events]),
            arrays.byteas([e.state for e in stored_events]),
            arrays.uuids(key_ids),
            arrays.texts(subjects),
            arrays.byteas(secrets),
            statements.lock_timeout,
        ),
        prepare=True,
    )
    return [row[0] for row in curs.fetchall()]


def notifications(rows: Sequence[Sequence[Any]]) -> list[Notification]:
    return [
        Notification(
            id=row[0],
            originator_id=row[1],
            originator_version=row[2],
            topic=row[3],
            state=bytes(row[4]),
        )
        for row in rows
    ]


def positioned(rows: Sequence[Sequence[Any]]) -> list[tuple[int, StoredEvent]]:
    return [(row[0], StoredEvent(row[1], row[2], row[3], bytes(row[4]))) for row in rows]
