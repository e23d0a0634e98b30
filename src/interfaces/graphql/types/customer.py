from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row


@strawberry.type(description="Who placed the order.")
class Customer:
    id: strawberry.ID = strawberry.field(description="The customer's id in the caller's systems.")
    name: str | None = strawberry.field(description='Full name; "[erased]" after an erasure.')
    email: str | None = strawberry.field(description='E-mail address; "[erased]" after an erasure.')
    phone: str | None = strawberry.field(
        description="Contact phone (E.164) if one was given; null after an erasure."
    )

    @classmethod
    def from_row(cls, row: Row) -> Customer:
        """From an `order_tracking.orders` row."""
        return cls(
            id=strawberry.ID(row["customer_id"]),
            name=row["customer_name"],
            email=row["customer_email"],
            phone=row["customer_phone"],
        )
