"""Where each projection stands against the head of the event log."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from psycopg_pool import ConnectionPool

from projections import schemas
from projections.base import Projection
from projections.source import EventLog


@dataclass(frozen=True)
class ProjectionStatus:
    name: str
    position: int
    head: int

    @property
    def lag(self) -> int:
        """Log positions not yet covered (events of other projections count too)."""
        return max(0, self.head - self.position)


def read_status(
    pool: ConnectionPool, log: EventLog, projections: Sequence[Projection]
) -> list[ProjectionStatus]:
    """The stored position of each projection (0 before its schema exists) and the head."""
    head = log.head()
    result = []
    with pool.connection() as conn, conn.cursor() as cur:
        for projection in projections:
            found = schemas.exists(cur, projection.name)
            position = schemas.position(cur, projection.name) if found else 0
            result.append(ProjectionStatus(projection.name, position, head))
    return result
