from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.address import Address
from interfaces.graphql.types.enums import DeliveryMethod, by_value

DELIVERY_METHOD = by_value(DeliveryMethod)


@strawberry.type(description="How the order reaches the customer.")
class Delivery:
    method: DeliveryMethod = strawberry.field(
        description="SHIP to an address or PICKUP at a store."
    )
    address: Address | None = strawberry.field(description="Where it is shipped (SHIP).")
    pickup_node: str | None = strawberry.field(description="Node code of the store (PICKUP).")

    @classmethod
    def from_row(cls, row: Row) -> Delivery:
        """From an `order_tracking.orders` row (its `delivery` column)."""
        delivery = row["delivery"]
        address = delivery.get("address")
        return cls(
            method=DELIVERY_METHOD(delivery["method"]),
            address=Address.from_row(address) if address else None,
            pickup_node=delivery.get("pickup_node"),
        )
