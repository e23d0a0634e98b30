"""Tamper evidence: a hash chain over the stored events, extended as the log grows.

Each stored event gets one link, at its position (notification id):

    link = sha256(previous link ‖ position ‖ aggregate id ‖ version ‖ topic ‖ stored state)

with integers big-endian (int8), the id as its 16 bytes, the topic length-prefixed (int4)
and the state as stored (so events whose personal data is later encrypted or erased keep
verifying: the chain covers bytes, not meaning). The first link's "previous link" is 32
zero bytes. Links are appended in the same transaction that reads the events they cover,
under one advisory lock, so each event is chained exactly once whoever runs the chainer.
"""

from __future__ import annotations

import hashlib
import struct
from dataclasses import dataclass
from importlib import resources
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder
from psycopg import Connection, Cursor, sql

GENESIS = bytes(32)
LOCK_KEY = "oms.audit.chain"
_INT8, _INT4 = struct.Struct(">q"), struct.Struct(">i")

# The same link, computed by PostgreSQL over a row `e` of the events table (see chain_check).
LINK_SQL = sql.SQL(
    "sha256({prev} || int8send(e.notification_id) || uuid_send(e.originator_id)"
    " || int8send(e.originator_version)"
    " || int4send(octet_length(convert_to(coalesce(e.topic, ''), 'UTF8')))"
    " || convert_to(coalesce(e.topic, ''), 'UTF8') || coalesce(e.state, ''::bytea))"
)


def link(
    prev: bytes, position: int, originator_id: UUID, version: int, topic: str, state: bytes
) -> bytes:
    """The link of one stored event, given the link before it."""
    topic_bytes = (topic or "").encode()
    digest = hashlib.sha256(prev)
    digest.update(_INT8.pack(position))
    digest.update(originator_id.bytes)
    digest.update(_INT8.pack(version))
    digest.update(_INT4.pack(len(topic_bytes)))
    digest.update(topic_bytes)
    digest.update(state or b"")
    return digest.digest()


def events_table(recorder: ApplicationRecorder) -> sql.Identifier:
    """The stored events' table of a PostgreSQL recorder, schema-qualified."""
    schema = recorder.datastore.schema  # type: ignore[attr-defined]
    return sql.Identifier(schema, recorder.events_table_name)  # type: ignore[attr-defined]


def ensure_schema(conn: Connection[Any]) -> None:
    """Create the `audit` schema, its tables and their append-only triggers (safe to race)."""
    ddl = resources.files("projections").joinpath("sql/audit.sql").read_text()
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (LOCK_KEY + ".ddl",))
        cur.execute(ddl.encode())


@dataclass(frozen=True)
class Extended:
    """What one `extend` did: links added, and the chain's last position afterwards."""

    added: int
    position: int
    head: int  # the log's newest position when the batch was read

    @property
    def caught_up(self) -> bool:
        return self.position >= self.head


def last_link(cur: Cursor[Any]) -> tuple[int, bytes]:
    row = cur.execute(
        "SELECT position, hash FROM audit.chain_links ORDER BY position DESC LIMIT 1"
    ).fetchone()
    return (int(row[0]), bytes(row[1])) if row else (0, GENESIS)


def extend(conn: Connection[Any], events: sql.Identifier, limit: int = 20_000) -> Extended:
    """Chain up to `limit` stored events after the last link, in one transaction."""
    with conn.transaction(), conn.cursor(binary=True) as cur:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (LOCK_KEY,))
        position, prev = last_link(cur)
        head_row = cur.execute(
            sql.SQL("SELECT coalesce(max(notification_id), 0) FROM {}").format(events)
        ).fetchone()
        head = int(head_row[0]) if head_row else 0
        rows = cur.execute(
            sql.SQL(
                "SELECT notification_id, originator_id, originator_version, topic, state"
                " FROM {} WHERE notification_id > %s AND notification_id <= %s"
                " ORDER BY notification_id LIMIT %s"
            ).format(events),
            (position, head, limit),
        ).fetchall()
        links = []
        for notification_id, originator_id, version, topic, state in rows:
            prev = link(prev, notification_id, originator_id, version, topic, state)
            links.append((notification_id, prev))
        if links:
            with cur.copy("COPY audit.chain_links (position, hash) FROM STDIN") as copy:
                for row in links:
                    copy.write_row(row)
            position = links[-1][0]
        if len(rows) < limit:
            position = max(position, head)
        return Extended(len(links), position, head)


def catch_up(conn: Connection[Any], events: sql.Identifier, limit: int = 20_000) -> int:
    """Chain every stored event not chained yet; returns how many were."""
    added = 0
    while True:
        result = extend(conn, events, limit)
        added += result.added
        if result.caught_up:
            return added
