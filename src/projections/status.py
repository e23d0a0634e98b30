"""Where each projection stands against the head of the event log, and whether it fails."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from psycopg import Cursor, sql
from psycopg_pool import ConnectionPool

from projections import schemas
from projections.base import Projection
from projections.source import EventLog

# `application_name` of a projector process's connections (`oms project`, and the
# projector `oms serve` starts), so other processes can see whether one is running.
PROJECTOR_APPLICATION = "oms-projector"


@dataclass(frozen=True)
class ProjectionStatus:
    name: str
    position: int
    head: int
    error: str | None = None  # why the events after `position` could not be applied
    failed_at: datetime | None = None

    @property
    def lag(self) -> int:
        """Log positions not yet covered (events of other projections count too)."""
        return max(0, self.head - self.position)


def read_status(
    pool: ConnectionPool, log: EventLog, projections: Sequence[Projection]
) -> list[ProjectionStatus]:
    """The stored position of each projection (0 before its schema exists) and the head."""
    head = log.head()
    with pool.connection() as conn, conn.cursor() as cur:
        return statuses(cur, projections, head)


def statuses(
    cur: Cursor[Any], projections: Sequence[Projection], head: int
) -> list[ProjectionStatus]:
    """Each projection's stored position and last failure, against `head`."""
    result = []
    for projection in projections:
        if not schemas.exists(cur, projection.name):
            result.append(ProjectionStatus(projection.name, 0, head))
            continue
        query = sql.SQL("SELECT position, error, failed_at FROM {}.tracking").format(
            sql.Identifier(projection.name)
        )
        row = cur.execute(query).fetchone()
        assert row is not None, f"{projection.name}.tracking has no row"
        result.append(ProjectionStatus(projection.name, int(row[0]), head, row[1], row[2]))
    return result


def projectors_connected(cur: Cursor[Any]) -> int:
    """How many connections projector processes hold to this database now."""
    row = cur.execute(
        "SELECT count(*) FROM pg_stat_activity"
        " WHERE application_name = %s AND datname = current_database()",
        (PROJECTOR_APPLICATION,),
    ).fetchone()
    return int(row[0]) if row else 0
