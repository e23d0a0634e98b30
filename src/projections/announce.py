"""Telling readers that a read model moved on: NOTIFY on one channel as a batch commits.

The payload is `<projection name>:<position>`. The notification goes out with the batch's
transaction, so a reader woken by it sees the new rows. Readers (GraphQL subscriptions,
read-your-writes waits) still look again now and then without one: a notification can be
missed while their connection is down.
"""

from __future__ import annotations

from typing import Any

from psycopg import Cursor

CHANNEL = "oms_read_models"


def announce(cur: Cursor[Any], projection: str, position: int) -> None:
    """Queue the notification; PostgreSQL sends it when the transaction commits."""
    cur.execute("SELECT pg_notify(%s, %s)", (CHANNEL, f"{projection}:{position}"))
