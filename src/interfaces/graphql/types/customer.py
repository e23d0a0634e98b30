from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row


@strawberry.type(description="Who placed the order.")
class Customer:
    id: strawberry.ID
    name: str | None
    email: str | None

    @classmethod
    def from_row(cls, row: Row) -> Customer:
        """From an `order_tracking.orders` row."""
        return cls(
            id=strawberry.ID(row["customer_id"]),
            name=row["customer_name"],
            email=row["customer_email"],
        )
