"""Seals: the chain's last link recorded, with the time, in an append-only table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from psycopg import Connection, sql

from projections.chain import LOCK_KEY, catch_up, last_link


@dataclass(frozen=True)
class Seal:
    seal_id: int
    position: int
    hash: bytes
    at: datetime

    def as_json(self) -> dict[str, Any]:
        return {
            "seal_id": self.seal_id,
            "position": self.position,
            "hash": self.hash.hex(),
            "at": self.at.isoformat(),
        }


def seal(conn: Connection[Any], events: sql.Identifier) -> Seal:
    """Chain every stored event, then seal the chain's last link."""
    catch_up(conn, events)
    with conn.transaction(), conn.cursor() as cur:
        cur.execute("SELECT pg_advisory_xact_lock(hashtext(%s))", (LOCK_KEY,))
        position, link = last_link(cur)
        row = cur.execute(
            "INSERT INTO audit.seals (position, hash) VALUES (%s, %s) RETURNING seal_id, at",
            (position, link),
        ).fetchone()
    assert row is not None
    return Seal(int(row[0]), position, link, row[1])


def latest(conn: Connection[Any]) -> Seal | None:
    row = conn.execute(
        "SELECT seal_id, position, hash, at FROM audit.seals ORDER BY seal_id DESC LIMIT 1"
    ).fetchone()
    return Seal(int(row[0]), int(row[1]), bytes(row[2]), row[3]) if row else None


def due(conn: Connection[Any], every: timedelta) -> bool:
    """Whether the chain has grown since the last seal and that seal is `every` old."""
    with conn.transaction(), conn.cursor() as cur:
        position, _ = last_link(cur)
        row = cur.execute(
            "SELECT position, now() - at FROM audit.seals ORDER BY seal_id DESC LIMIT 1"
        ).fetchone()
    if row is None:
        return position > 0
    return position > int(row[0]) and row[1] >= every
