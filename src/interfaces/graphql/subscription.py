"""Subscription.orderUpdates: the order now, then again after every change.

The order's row is polled (its `version` moves with every event applied), which needs
nothing from the projections and survives reconnects of the database. Changes applied in
one projection batch arrive as one update. The stream runs until the client stops it; an
order not projected yet is waited for.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncGenerator

import strawberry

from interfaces.graphql.arguments import parse_id
from interfaces.graphql.context import Info
from interfaces.graphql.db import fetch_one
from interfaces.graphql.loaders import ORDER_COLUMNS
from interfaces.graphql.lookahead import below
from interfaces.graphql.order_loading import load_orders
from interfaces.graphql.types.order import Order

POLL_INTERVAL = 0.1  # seconds
ORDER = "SELECT " + ORDER_COLUMNS + " FROM order_tracking.orders WHERE order_id = %s"


@strawberry.type
class Subscription:
    @strawberry.subscription(description="The order, then the order after each change.")
    async def order_updates(self, info: Info, id: strawberry.ID) -> AsyncGenerator[Order, None]:
        order_id = parse_id(id)
        seen = None
        while True:
            row = await fetch_one(info.context.pool, ORDER, (order_id,))
            if row is not None and row["version"] != seen:
                seen = row["version"]
                [order] = await load_orders(info.context, [row], below(info))
                yield order
            await asyncio.sleep(POLL_INTERVAL)
