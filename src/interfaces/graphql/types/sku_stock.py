from __future__ import annotations

from datetime import datetime

import strawberry

from interfaces.graphql.context import Info
from interfaces.graphql.db import Row
from interfaces.graphql.types.channel_availability import ChannelAvailability
from interfaces.graphql.types.node_stock import NodeStock


@strawberry.type(description="Stock of one SKU across the whole network.")
class SkuStock:
    sku: str = strawberry.field(description="The stock keeping unit.")
    on_hand: int = strawberry.field(description="Units physically at the nodes.")
    reserved: int = strawberry.field(description="Units reserved for orders not shipped yet.")
    safety_stock: int = strawberry.field(description="Units held back at the nodes.")
    available: int = strawberry.field(description="Sum of the nodes' available quantities.")
    in_transit: int = strawberry.field(
        description="Units on their way to the nodes: transfers and expected receipts."
    )
    node_count: int = strawberry.field(description="Nodes holding a record of the SKU.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    # Set on stock read as of an instant (stockAsOf): the per-node and per-channel rows then.
    as_of_nodes: strawberry.Private[list[Row] | None] = None
    as_of_channels: strawberry.Private[list[Row] | None] = None

    @classmethod
    def from_row(cls, row: Row) -> SkuStock:
        """From a `stock.stock_by_sku` row."""
        return cls(
            sku=row["sku"],
            on_hand=row["on_hand"],
            reserved=row["reserved"],
            safety_stock=row["safety_stock"],
            available=row["available"],
            in_transit=row["in_transit"],
            node_count=row["node_count"],
            updated_at=row["updated_at"],
        )

    @strawberry.field(description="Stock at each node holding the SKU, by node code.")
    async def by_node(self, info: Info) -> list[NodeStock]:
        rows = self.as_of_nodes
        if rows is None:
            rows = await info.context.loaders.stock_by_node.load(self.sku)
        return [NodeStock.from_row(row) for row in rows]

    @strawberry.field(description="Available quantity per sales channel.")
    async def by_channel(self, info: Info) -> list[ChannelAvailability]:
        rows = self.as_of_channels
        if rows is None:
            rows = await info.context.loaders.stock_by_channel.load(self.sku)
        return [ChannelAvailability.from_row(row) for row in rows]
