from __future__ import annotations

from datetime import datetime

import strawberry

from interfaces.graphql.types.enums import Channel, OrderStatus


@strawberry.input(description="Conditions on orders; all given ones must hold.")
class OrderFilter:
    status: OrderStatus | None = strawberry.field(default=None, description="In this status.")
    channel: Channel | None = strawberry.field(default=None, description="From this channel.")
    customer_id: str | None = strawberry.field(default=None, description="Of this customer.")
    external_ref: str | None = strawberry.field(
        default=None, description="The reference the channel gave the order."
    )
    sku: str | None = strawberry.field(default=None, description="Has a line of this SKU.")
    node_code: str | None = strawberry.field(
        default=None, description="Has a shipment from this node."
    )
    placed_from: datetime | None = strawberry.field(default=None, description="Inclusive.")
    placed_to: datetime | None = strawberry.field(default=None, description="Exclusive.")
    backordered: bool | None = strawberry.field(
        default=None, description="Has (true) or has no (false) line waiting for stock."
    )
