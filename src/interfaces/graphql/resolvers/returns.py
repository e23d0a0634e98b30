"""return(id) and returns(orderId, status, first): the returns read model."""

from __future__ import annotations

from interfaces.graphql.arguments import page_size, parse_id
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import fetch_all, fetch_one
from interfaces.graphql.types.enums import ReturnStatus
from interfaces.graphql.types.return_ import Return

ONE = "SELECT * FROM returns.returns WHERE return_id = %s"
RECENT = (
    "SELECT * FROM returns.returns WHERE (%(status)s::text IS NULL OR status = %(status)s) "
    "ORDER BY updated_at DESC, return_id DESC LIMIT %(limit)s"
)


async def return_(ctx: GraphQLContext, id: str) -> Return | None:
    row = await fetch_one(ctx.pool, ONE, (parse_id(id),))
    return Return.from_row(row) if row else None


async def returns(
    ctx: GraphQLContext, order_id: str | None, status: ReturnStatus | None, first: int | None
) -> list[Return]:
    size = page_size(first)
    wanted = status.value if status else None
    if order_id is not None:
        rows = await ctx.loaders.returns_by_order.load(parse_id(order_id, "orderId"))
        rows = [row for row in rows if wanted is None or row["status"] == wanted]
    else:
        rows = await fetch_all(ctx.pool, RECENT, {"status": wanted, "limit": size})
    return [Return.from_row(row) for row in rows]
