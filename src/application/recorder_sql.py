"""The statements the OMS's event recorder runs instead of the library's, rendered once.

The library composes each statement anew on every call (psycopg's `SQL.format`, then
rendered to bytes at each execute), sends a save through psycopg's pipeline with the
events as an array of a composite type dumped as text, and reads rows as dicts. Here:

- a save sends the table lock and the notification as one message (several statements,
  no parameters: one round trip), then the events as four arrays in binary (about half
  the CPU per event), and no pipeline (which can wait forever on a large save: psycopg
  stops sending once nothing more is queued, even when the socket took only part of a
  large message);
- reading the log after a position (what every command's catch-up does) and reading
  given aggregates' events with their positions use statements rendered once.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Notification, StoredEvent
from psycopg.abc import Query
from psycopg.sql import SQL, Composable, Identifier

COLUMNS = "notification_id, originator_id, originator_version, topic, state"


class Statements:
    def __init__(self, schema: str, table: str, lock: Sequence[Query], channel: str) -> None:
        """`lock`: the library's statements taking the table lock (SQL objects)."""
        events = SQL("{}.{}").format(Identifier(schema), Identifier(table))
        notify = SQL("NOTIFY {}").format(Identifier(channel))
        parts = [statement for statement in lock if isinstance(statement, Composable)]
        assert len(parts) == len(lock), "the library's lock statements are SQL objects"
        self.lock_and_notify = _rendered(SQL("; ").join([*parts, notify]))
        self.insert = _rendered(
            SQL(
                "INSERT INTO {} (originator_id, originator_version, topic, state)"
                " SELECT * FROM unnest(%b::uuid[], %b::bigint[], %b::text[], %b::bytea[])"
                " RETURNING notification_id"
            ).format(events)
        )
        select = f"SELECT {COLUMNS} FROM {{}} WHERE notification_id {{}} %s"
        order = " ORDER BY notification_id LIMIT %s"
        self.after = _rendered(SQL(select + order).format(events, SQL(">")))
        self.from_ = _rendered(SQL(select + order).format(events, SQL(">=")))
        self.of_aggregates = _rendered(
            SQL(f"SELECT {COLUMNS} FROM {{}} WHERE originator_id = ANY(%s)").format(events)
        )


def _rendered(statement: Composable) -> SQL:
    return SQL(statement.as_string())


def insert(curs: Any, statements: Statements, stored_events: Sequence[StoredEvent]) -> list[int]:
    """Lock the table, notify, insert the events; their log positions (in the caller's
    transaction)."""
    curs.execute(statements.lock_and_notify)
    curs.execute(
        statements.insert,
        (
            [e.originator_id for e in stored_events],
            [e.originator_version for e in stored_events],
            [e.topic for e in stored_events],
            [e.state for e in stored_events],
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
