from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.node_stock_edge import NodeStockEdge
from interfaces.graphql.types.page_info import PageInfo


@strawberry.type(description="A page of one node's stock, by SKU (Relay style).")
class NodeStockConnection:
    edges: list[NodeStockEdge]
    page_info: PageInfo

    @classmethod
    def from_rows(cls, rows: list[Row], has_next: bool) -> NodeStockConnection:
        edges = [NodeStockEdge.from_row(row) for row in rows]
        end = edges[-1].cursor if edges else None
        return cls(edges=edges, page_info=PageInfo(has_next_page=has_next, end_cursor=end))
