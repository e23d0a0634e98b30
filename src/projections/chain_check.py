"""Checking the hash chain against the stored events, and the seals against the chain.

Each link is recomputed from the stored event at its position and the stored link before
it, so every altered event is found on its own (not only the first): a changed event's
link no longer matches, a deleted event leaves a link with no event, and an event inserted
into the log has no link. The seals then catch a chain rewritten to match altered events.
The work is done by PostgreSQL, one range of positions per query.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg import Connection, sql

from projections.chain import GENESIS, LINK_SQL

RANGE = 100_000  # positions per query

_BREAKS = sql.SQL(
    """
    WITH l AS (
        SELECT position, hash, coalesce(lag(hash) OVER (ORDER BY position), %(anchor)s) AS prev
        FROM audit.chain_links WHERE position > %(lo)s AND position <= %(hi)s
    ), e AS (
        SELECT * FROM {events} WHERE notification_id > %(lo)s AND notification_id <= %(hi)s
    )
    SELECT coalesce(e.notification_id, l.position) AS position,
           CASE WHEN e.notification_id IS NULL THEN 'deleted'
                WHEN l.position IS NULL THEN 'inserted'
                ELSE 'changed' END AS kind
    FROM e FULL JOIN l ON e.notification_id = l.position
    WHERE e.notification_id IS NULL OR l.position IS NULL OR l.hash <> {link}
    ORDER BY 1
    """
)
_SEALS = """
    SELECT s.seal_id, s.position, s.at, l.hash IS NULL AS missing
    FROM audit.seals s LEFT JOIN audit.chain_links l ON l.position = s.position
    WHERE s.position > 0 AND (l.hash IS NULL OR l.hash <> s.hash)
    ORDER BY s.position, s.seal_id
"""
_DESCRIBE = {
    "changed": "stored event changed (its link no longer matches)",
    "deleted": "stored event deleted (its link has no event)",
    "inserted": "stored event inserted (it has no link)",
}


@dataclass(frozen=True)
class Break:
    position: int
    kind: str  # changed | deleted | inserted | seal
    detail: str

    def as_json(self) -> dict[str, Any]:
        return {"position": self.position, "kind": self.kind, "detail": self.detail}


def chain_breaks(
    conn: Connection[Any],
    events: sql.Identifier,
    upto: int,
    on_progress: Callable[[int], None] | None = None,
) -> Iterator[Break]:
    """Every event position up to `upto` whose stored event does not match its link."""
    query = _BREAKS.format(events=events, link=LINK_SQL.format(prev=sql.SQL("l.prev")))
    for lo in range(0, upto, RANGE):
        hi = min(lo + RANGE, upto)
        with conn.transaction(), conn.cursor() as cur:
            anchor_row = cur.execute(
                "SELECT hash FROM audit.chain_links WHERE position <= %s"
                " ORDER BY position DESC LIMIT 1",
                (lo,),
            ).fetchone()
            anchor = bytes(anchor_row[0]) if anchor_row else GENESIS
            found = cur.execute(query, {"anchor": anchor, "lo": lo, "hi": hi}).fetchall()
        for position, kind in found:
            yield Break(int(position), kind, _DESCRIBE[kind])
        if on_progress is not None:
            on_progress(hi)


def seal_breaks(conn: Connection[Any]) -> list[Break]:
    """Seals whose position's link is gone or differs: the chain was rewritten before them."""
    rows = conn.execute(_SEALS).fetchall()
    return [
        Break(int(position), "seal", _seal_detail(seal_id, at, missing))
        for seal_id, position, at, missing in rows
    ]


def _seal_detail(seal_id: int, at: datetime, missing: bool) -> str:
    what = "has no link any more" if missing else "no longer matches its link"
    return f"seal #{seal_id} of {at.isoformat()} {what}: the chain was rewritten up to here"
