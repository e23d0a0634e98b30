"""Subscription.orderUpdates: the order now, then again after every change.

The order's row is read again when a read model moves on: woken by the projections'
notification (every POLL_INTERVAL at most, and at least once a second), or every
POLL_INTERVAL while nothing listens for notifications. Its `version` moves with every
event applied to the order. When it moved, the order's timeline says which statuses it
went through since the last update: several events applied in one projection batch, or
between two reads, still give one update per status the order passed through, then one
for the order as it is now. The stream runs until the client stops it; an order not
projected yet is waited for.
"""

from __future__ import annotations

import asyncio
import dataclasses
import time
from collections.abc import AsyncGenerator, Iterator, Sequence

import strawberry

from interfaces.graphql.argument_docs import OrderId
from interfaces.graphql.arguments import parse_id
from interfaces.graphql.context import Info
from interfaces.graphql.db import Row, fetch_all, fetch_one
from interfaces.graphql.loaders import ORDER
from interfaces.graphql.lookahead import below
from interfaces.graphql.order_loading import load_orders
from interfaces.graphql.read_signal import after
from interfaces.graphql.types.enums import OrderStatus
from interfaces.graphql.types.order import Order

POLL_INTERVAL = 0.1  # seconds
CHANGES = (
    "SELECT version, status, at FROM order_tracking.order_timeline "
    "WHERE order_id = %s AND version > %s AND version <= %s ORDER BY version"
)


@strawberry.type(description="Live updates over WebSocket (graphql-transport-ws).")
class Subscription:
    @strawberry.subscription(
        description="The order now, then the order after each change. A status the order "
        "passed through between two updates comes as an update of its own, with the "
        "status, updatedAt, version and timeline as of that change (its other fields as "
        "the order is now)."
    )
    async def order_updates(self, info: Info, id: OrderId) -> AsyncGenerator[Order, None]:
        order_id, pool = parse_id(id), info.context.pool
        seen: Row | None = None
        while True:
            read_at, change = time.monotonic(), info.context.next_read_model_change()
            row = await fetch_one(pool, ORDER, (order_id,))
            if row is not None and (seen is None or row["version"] > seen["version"]):
                [order] = await load_orders(info.context, [row], below(info))
                changes = []
                if seen is not None:
                    changes = await fetch_all(
                        pool, CHANGES, (order_id, seen["version"], row["version"])
                    )
                for update in updates(order, seen, changes):
                    yield update
                seen = row
            await after(change, poll=POLL_INTERVAL, longest=1.0)
            # However busy the read models are, one read per POLL_INTERVAL at most.
            await asyncio.sleep(max(0.0, read_at + POLL_INTERVAL - time.monotonic()))


def updates(order: Order, seen: Row | None, changes: Sequence[Row]) -> Iterator[Order]:
    """The order as of each status change in `changes` but the last, then as it is now.

    `seen` is the order row of the last update (None before the first); `changes` are the
    timeline rows after it, up to and including the order's current version.
    """
    status = seen["status"] if seen is not None else None
    last = len(changes)  # the last run of one status is the order now
    while last > 1 and changes[last - 2]["status"] == changes[-1]["status"]:
        last -= 1
    for change in changes[: last - 1]:
        if change["status"] != status:
            status = change["status"]
            yield as_of(order, change)
    yield order


def as_of(order: Order, change: Row) -> Order:
    """`order` with its status, updatedAt, version and timeline as of a timeline row."""
    version = change["version"]
    return dataclasses.replace(
        order,
        status=OrderStatus(change["status"]),
        updated_at=change["at"],
        version=version,
        timeline=[entry for entry in order.timeline if entry.version <= version],
    )
