from __future__ import annotations

from datetime import datetime

import strawberry

from interfaces.graphql.db import Row


@strawberry.type(description="A scheduled window [startsAt, endsAt) when a node does not work.")
class Downtime:
    id: strawberry.ID
    starts_at: datetime
    ends_at: datetime
    reason: str

    @classmethod
    def from_row(cls, row: Row) -> Downtime:
        """From a `stock.node_downtimes` row."""
        return cls(
            id=strawberry.ID(str(row["downtime_id"])),
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            reason=row["reason"],
        )
