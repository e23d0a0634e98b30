"""The statements the OMS's event recorder runs instead of the library's, rendered once.

The library composes each statement anew on every call (psycopg's `SQL.format`, then
rendered to bytes at each execute), sends a save through psycopg's pipeline with the
events as an array of a composite type dumped as text, and reads rows as dicts. Here:

- a save is three round trips: BEGIN, the companions' rows (new keys, their values
  inlined), the table lock and the notification as one message (several statements, no
  parameters); then the events as four arrays in binary (about half the CPU per event);
  then COMMIT. No pipeline (which can wait forever on a large save: psycopg stops
  sending once nothing more is queued, even when the socket took only part of a large
  message);
- reading the log after a position (what every command's catch-up does) and reading
  given aggregates' events with their positions use statements rendered once.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from typing import Any

import psycopg
from eventsourcing.persistence import Notification, StoredEvent
from psycopg import Connection
from psycopg.abc import Query
from psycopg.pq import TransactionStatus
from psycopg.sql import SQL, Composable, Identifier

COLUMNS = "notification_id, originator_id, originator_version, topic, state"
COMMIT = SQL("COMMIT")


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


def save(
    curs: Any, statements: Statements, first: list[str], stored_events: Sequence[StoredEvent]
) -> list[int]:
    """In one transaction: the statements `first` (rendered, no parameters), then the
    table lock, the notification and the events; their log positions. The cursor's
    connection is in autocommit mode: the transaction is begun, committed and (on any
    failure) rolled back here."""
    if not stored_events:
        if first:
            curs.execute(SQL("; ".join(["BEGIN", *first, "COMMIT"])))
        return []
    try:
        curs.execute(SQL("; ".join(["BEGIN", *first, statements.lock_and_notify.as_string()])))
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
        positions = [row[0] for row in curs.fetchall()]
        curs.execute(COMMIT)
    except BaseException:
        _roll_back(curs.connection)
        raise
    return positions


def _roll_back(conn: Connection[Any]) -> None:
    """End the failed transaction, if the connection still can (else the pool drops it)."""
    if conn.info.transaction_status != TransactionStatus.IDLE:
        with contextlib.suppress(psycopg.Error):
            conn.rollback()


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
