"""shipments(nodeCode, status, first): a node's work queue, oldest allocation first."""

from __future__ import annotations

from interfaces.graphql.arguments import page_size
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import fetch_all
from interfaces.graphql.types.enums import ShipmentStatus
from interfaces.graphql.types.shipment import Shipment

QUEUE = (
    "SELECT * FROM order_tracking.shipments WHERE node_code = %(node)s "
    "AND (%(statuses)s::text[] IS NULL OR status = ANY(%(statuses)s)) "
    "ORDER BY allocated_at, shipment_id LIMIT %(limit)s"
)


async def shipments(
    ctx: GraphQLContext, node_code: str, status: list[ShipmentStatus] | None, first: int | None
) -> list[Shipment]:
    statuses = [s.value for s in status] if status is not None else None
    rows = await fetch_all(
        ctx.pool, QUEUE, {"node": node_code, "statuses": statuses, "limit": page_size(first)}
    )
    lines = await ctx.loaders.shipment_lines.load_many([row["order_id"] for row in rows])
    return [
        Shipment.from_row(row, [x for x in found if x["shipment_id"] == row["shipment_id"]])
        for row, found in zip(rows, lines, strict=True)
    ]
