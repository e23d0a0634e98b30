"""stock(sku) and nodeStock(nodeCode): the stock read model."""

from __future__ import annotations

from interfaces.graphql.arguments import decode_cursor, page_size
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import fetch_all, fetch_one
from interfaces.graphql.types.node_stock_connection import NodeStockConnection
from interfaces.graphql.types.sku_stock import SkuStock

SKU = "SELECT * FROM stock.stock_by_sku WHERE sku = %s"
NODE_PAGE = (
    "SELECT s.*, n.node_type FROM stock.stock_by_node s "
    "LEFT JOIN stock.nodes n ON n.code = s.node_code "
    "WHERE s.node_code = %s AND s.sku > %s ORDER BY s.sku LIMIT %s"
)
# Whether the node holds a SKU at or before a page's `after` cursor.
NODE_EARLIER = (
    "SELECT 1 AS found FROM stock.stock_by_node WHERE node_code = %s AND sku <= %s LIMIT 1"
)


async def stock(ctx: GraphQLContext, sku: str) -> SkuStock | None:
    row = await fetch_one(ctx.pool, SKU, (sku,))
    return SkuStock.from_row(row) if row else None


async def node_stock(
    ctx: GraphQLContext, node_code: str, first: int | None, after: str | None
) -> NodeStockConnection:
    size = page_size(first)
    after_sku = str(decode_cursor(after, 1)[0]) if after is not None else ""
    rows = await fetch_all(ctx.pool, NODE_PAGE, (node_code, after_sku, size + 1))

    async def earlier() -> bool:
        return await fetch_one(ctx.pool, NODE_EARLIER, (node_code, after_sku)) is not None

    return NodeStockConnection.from_rows(
        rows[:size], len(rows) > size, earlier if after is not None else None
    )
