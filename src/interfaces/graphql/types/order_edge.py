from __future__ import annotations

import strawberry

from interfaces.graphql.arguments import encode_cursor
from interfaces.graphql.db import Row
from interfaces.graphql.types.order import Order


@strawberry.type(description="An order in a page of orders, with the cursor just after it.")
class OrderEdge:
    cursor: str = strawberry.field(description="Pass as `after` for the orders after this one.")
    node: Order = strawberry.field(description="The order.")

    @classmethod
    def from_row(cls, row: Row, order: Order) -> OrderEdge:
        """From an `order_tracking.orders` row and its order; the cursor holds its sort key."""
        cursor = encode_cursor(row["placed_at"].isoformat(), order.id)
        return cls(cursor=cursor, node=order)
