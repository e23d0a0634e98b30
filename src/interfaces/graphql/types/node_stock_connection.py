from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.node_stock_edge import NodeStockEdge
from interfaces.graphql.types.page_info import PageInfo


@strawberry.type(description="A page of one node's stock, by SKU (Relay style).")
class NodeStockConnection:
    edges: list[NodeStockEdge] = strawberry.field(description="The SKUs of this page.")
    page_info: PageInfo = strawberry.field(description="Where the page starts and ends.")

    @classmethod
    def from_rows(
        cls, rows: list[Row], has_next: bool, earlier: Callable[[], Awaitable[bool]] | None = None
    ) -> NodeStockConnection:
        edges = [NodeStockEdge.from_row(row) for row in rows]
        page_info = PageInfo.of([edge.cursor for edge in edges], has_next, earlier)
        return cls(edges=edges, page_info=page_info)
