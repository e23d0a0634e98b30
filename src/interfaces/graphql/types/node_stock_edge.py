from __future__ import annotations

import strawberry

from interfaces.graphql.arguments import encode_cursor
from interfaces.graphql.db import Row
from interfaces.graphql.types.node_stock import NodeStock


@strawberry.type(description="A SKU's stock in a page of a node's stock.")
class NodeStockEdge:
    cursor: str = strawberry.field(description="Pass as `after` for the SKUs after this one.")
    node: NodeStock = strawberry.field(description="The SKU's stock at the node.")

    @classmethod
    def from_row(cls, row: Row) -> NodeStockEdge:
        """From a `stock.stock_by_node` row; the cursor holds its SKU."""
        return cls(cursor=encode_cursor(row["sku"]), node=NodeStock.from_row(row))
