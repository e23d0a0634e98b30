from __future__ import annotations

from datetime import datetime

import strawberry

from interfaces.graphql.context import Info
from interfaces.graphql.db import Row
from interfaces.graphql.types.enums import NodeType
from interfaces.graphql.types.node import Node


@strawberry.type(description="Stock of one SKU at one node.")
class NodeStock:
    node_code: str = strawberry.field(description="The node.")
    node_type: NodeType | None = strawberry.field(description="Null if the node is unknown.")
    sku: str = strawberry.field(description="The stock keeping unit.")
    on_hand: int = strawberry.field(description="Units physically at the node.")
    reserved: int = strawberry.field(description="Units reserved for orders.")
    safety_stock: int = strawberry.field(description="Units held back.")
    available: int = strawberry.field(description="onHand - reserved - safetyStock, at least 0.")
    in_transit: int = strawberry.field(
        description="Units on their way to the node: transfers and expected receipts."
    )
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def from_row(cls, row: Row) -> NodeStock:
        """From a `stock.stock_by_node` row joined with its node's `node_type`."""
        node_type = row.get("node_type")
        return cls(
            node_code=row["node_code"],
            node_type=NodeType(node_type) if node_type else None,
            sku=row["sku"],
            on_hand=row["on_hand"],
            reserved=row["reserved"],
            safety_stock=row["safety_stock"],
            available=row["available"],
            in_transit=row["in_transit"],
            updated_at=row["updated_at"],
        )

    @strawberry.field(description="The node holding the stock.")
    async def node(self, info: Info) -> Node | None:
        row = await info.context.loaders.nodes.load(self.node_code)
        return Node.from_row(row) if row else None
