"""order(id) and orders(filter, first, after): keyset pages over the orders indexes."""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from typing import Any, LiteralString
from uuid import UUID

from psycopg import sql

from interfaces.graphql.arguments import decode_cursor, page_size, parse_id
from interfaces.graphql.context import Info
from interfaces.graphql.db import fetch_all, fetch_one
from interfaces.graphql.errors import BadUserInput
from interfaces.graphql.loaders import ORDER, ORDER_COLUMNS
from interfaces.graphql.lookahead import below, fast_path
from interfaces.graphql.order_loading import load_orders
from interfaces.graphql.types.order import Order
from interfaces.graphql.types.order_connection import OrderConnection
from interfaces.graphql.types.order_filter import OrderFilter

CONDITIONS: dict[str, LiteralString] = {
    "status": "o.status = %s",
    "channel": "o.channel = %s",
    "customer_id": "o.customer_id = %s",
    "external_ref": "o.external_ref = %s",
    "sku": "EXISTS (SELECT 1 FROM order_tracking.order_lines l "
    "WHERE l.order_id = o.order_id AND l.sku = %s)",
    "node_code": "EXISTS (SELECT 1 FROM order_tracking.shipments s "
    "WHERE s.order_id = o.order_id AND s.node_code = %s)",
    "placed_from": "o.placed_at >= %s",
    "placed_to": "o.placed_at < %s",
    "backordered": "EXISTS (SELECT 1 FROM order_tracking.order_lines l "
    "WHERE l.order_id = o.order_id AND l.backordered > 0) = %s",
}
PAGE = (
    "SELECT " + ORDER_COLUMNS + " FROM order_tracking.orders o WHERE {} "
    "ORDER BY o.placed_at DESC, o.order_id DESC LIMIT %s"
)
COUNT = "SELECT count(*) AS n FROM order_tracking.orders o WHERE {}"
EARLIER = "SELECT 1 AS found FROM order_tracking.orders o WHERE {} LIMIT 1"
AT_OR_BEFORE = "(o.placed_at, o.order_id) >= (%s, %s)"  # newest first: before is newer


async def order(info: Info, id: str) -> Order | None:
    row = await fetch_one(info.context.pool, ORDER, (parse_id(id),))
    if row is None:
        return None
    [found] = await load_orders(info.context, [row], below(info))
    return found


async def orders(
    info: Info, filter: OrderFilter | None, first: int | None, after: str | None
) -> OrderConnection:
    ctx = info.context
    size = page_size(first)
    where, params = conditions(filter)

    async def count() -> int:
        row = await fetch_one(ctx.pool, sql.SQL(COUNT).format(_all(where)), params)
        return int(row["n"]) if row else 0

    async def earlier() -> bool:
        assert after is not None
        before = sql.SQL(EARLIER).format(_all([*where, sql.SQL(AT_OR_BEFORE)]))
        return await fetch_one(ctx.pool, before, [*params, *_after(after)]) is not None

    page_where, page_params = list(where), list(params)
    if after is not None:
        page_where.append(sql.SQL("(o.placed_at, o.order_id) < (%s, %s)"))
        page_params += _after(after)
    query = sql.SQL(PAGE).format(_all(page_where))
    rows = await fetch_all(ctx.pool, query, [*page_params, size + 1])
    page = rows[:size]
    nodes = await load_orders(ctx, page, below(info, "edges", "node"), direct=fast_path(info))
    has_next = len(rows) > size
    return OrderConnection.from_rows(
        page, nodes, has_next, count, earlier if after is not None else None
    )


def conditions(filter: OrderFilter | None) -> tuple[list[sql.SQL], list[Any]]:
    """The WHERE clauses and parameters of the filter's given fields."""
    where: list[sql.SQL] = []
    params: list[Any] = []
    for name, clause in CONDITIONS.items():
        value = getattr(filter, name, None)
        if value is None:
            continue
        if isinstance(value, datetime) and value.tzinfo is None:
            raise BadUserInput(
                f"{name} needs a time zone, e.g. 2026-01-31T09:00:00Z", argument=f"filter.{name}"
            )
        where.append(sql.SQL(clause))
        params.append(value.value if isinstance(value, Enum) else value)
    return where, params


def _after(cursor: str) -> list[Any]:
    placed_at, order_id = decode_cursor(cursor, 2)
    try:
        return [datetime.fromisoformat(placed_at), UUID(order_id)]
    except (TypeError, ValueError):
        raise BadUserInput("after is not a cursor this field gave out", argument="after") from None


def _all(where: list[sql.SQL]) -> sql.Composable:
    return sql.SQL(" AND ").join(where) if where else sql.SQL("TRUE")
