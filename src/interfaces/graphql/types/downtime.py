from __future__ import annotations

from datetime import datetime

import strawberry

from interfaces.graphql.db import Row


@strawberry.type(description="A scheduled window [startsAt, endsAt) when a node does not work.")
class Downtime:
    id: strawberry.ID = strawberry.field(description="The window id, for cancelling it.")
    starts_at: datetime = strawberry.field(description="Start (inclusive).")
    ends_at: datetime = strawberry.field(description="End (exclusive).")
    reason: str = strawberry.field(description="Why the node is down.")

    @classmethod
    def from_row(cls, row: Row) -> Downtime:
        """From a `stock.node_downtimes` row."""
        return cls(
            id=strawberry.ID(str(row["downtime_id"])),
            starts_at=row["starts_at"],
            ends_at=row["ends_at"],
            reason=row["reason"],
        )
