"""Orders with the nested collections a query asks for, each collection in one batch.

The collections come through the request's DataLoaders (one `= ANY(%s)` query each, run
concurrently), chosen by looking ahead at the selection. One order (`order(id)`, a
return's order) goes through the loader, so the orders of sibling fields share a batch;
a page holds all of its keys already and calls the loader's batch function directly,
without a future per key.
"""

from __future__ import annotations

import asyncio
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from strawberry.dataloader import DataLoader

from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import Row
from interfaces.graphql.internals import batch_load
from interfaces.graphql.lookahead import Selection, names, names_under
from interfaces.graphql.types.order import Order
from interfaces.graphql.types.return_ import Return


@dataclass(frozen=True)
class OrderParts:
    """Which nested collections of an order the selection asks for."""

    lines: bool
    shipments: bool
    shipment_lines: bool
    timeline: bool
    returns: bool
    sourcing: bool

    @classmethod
    def asked(cls, level: Sequence[Selection]) -> OrderParts:
        asked = names(level)
        return cls(
            lines="lines" in asked,
            shipments="shipments" in asked,
            shipment_lines="lines" in names_under(level, "shipments"),
            timeline="timeline" in asked,
            returns="returns" in asked,
            sourcing="sourcing" in asked,
        )


NOTHING = OrderParts(
    lines=False,
    shipments=False,
    shipment_lines=False,
    timeline=False,
    returns=False,
    sourcing=False,
)


async def load_orders(
    ctx: GraphQLContext, rows: Sequence[Row], level: Sequence[Selection], *, direct: bool = True
) -> list[Order]:
    """`Order`s for `rows`, given the fields asked for on them (`level`); `direct` calls the
    loaders' batch functions without a future per key (the fast path)."""
    parts = OrderParts.asked(level)
    if parts == NOTHING:
        return [Order.from_row(row) for row in rows]
    ids = [row["order_id"] for row in rows]
    loaders = ctx.loaders
    lines, shipments, shipment_lines, timeline, returns, sourcing = await asyncio.gather(
        _many(loaders.order_lines, ids, parts.lines, direct),
        _many(loaders.shipments, ids, parts.shipments, direct),
        _many(loaders.shipment_lines, ids, parts.shipment_lines, direct),
        _many(loaders.timeline, ids, parts.timeline, direct),
        _many(loaders.returns_by_order, ids, parts.returns, direct),
        _many(loaders.sourcing, ids, parts.sourcing, direct),
    )
    return [
        Order.from_row(
            row,
            lines=lines[n],
            shipments=shipments[n],
            shipment_lines=shipment_lines[n],
            timeline=timeline[n],
            returns=[Return.from_row(r) for r in returns[n]],
            sourcing=sourcing[n],
        )
        for n, row in enumerate(rows)
    ]


async def _many(
    loader: DataLoader[Hashable, list[Row]], keys: list[Hashable], wanted: bool, direct: bool
) -> list[list[Row]]:
    if not wanted or not keys:
        return [[] for _ in keys]
    if len(keys) == 1 or not direct:
        return await loader.load_many(keys)
    groups = []
    for rows in await batch_load(loader, keys):
        if isinstance(rows, BaseException):  # as `load_many` would raise it
            raise rows
        groups.append(rows)
    return groups
