from __future__ import annotations

from datetime import datetime

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.enums import OrderStatus, by_value

ORDER_STATUS = by_value(OrderStatus)


@strawberry.type(description="One event in an order's life, oldest first.")
class TimelineEntry:
    at: datetime = strawberry.field(description="When it happened.")
    type: str = strawberry.field(description="The event type, e.g. Placed, Allocated, Shipped.")
    detail: str = strawberry.field(description="What happened, in words.")
    version: int = strawberry.field(description="The order's version after this event.")
    position: int = strawberry.field(description="The event's position in the log.")
    status: OrderStatus = strawberry.field(description="The order's status after this event.")

    @classmethod
    def from_row(cls, row: Row) -> TimelineEntry:
        """From an `order_tracking.order_timeline` row."""
        return cls(
            at=row["at"],
            type=row["type"],
            detail=row["detail"],
            version=row["version"],
            position=row["position"],
            status=ORDER_STATUS(row["status"]),
        )
