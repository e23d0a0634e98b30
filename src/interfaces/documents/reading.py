"""An order as the read models hold it, read in one snapshot for its documents.

Only projection tables: `order_tracking` (order, lines, shipments, invoices, credit memos),
`returns` and `stock.nodes` (the nodes' names). No aggregate is loaded.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, LiteralString
from uuid import UUID

from psycopg import AsyncConnection
from psycopg.rows import dict_row

from interfaces.graphql.db import ReadPool, Row

QUERIES: dict[str, LiteralString] = {
    "order": "SELECT * FROM order_tracking.orders WHERE order_id = %(id)s",
    "lines": "SELECT * FROM order_tracking.order_lines WHERE order_id = %(id)s ORDER BY line_no",
    "shipments": "SELECT * FROM order_tracking.shipments WHERE order_id = %(id)s ORDER BY seq",
    "shipment_lines": (
        "SELECT * FROM order_tracking.shipment_lines WHERE order_id = %(id)s ORDER BY sku"
    ),
    "invoices": (
        "SELECT * FROM order_tracking.invoices WHERE order_id = %(id)s "
        "ORDER BY issued_at, invoice_number"
    ),
    "credit_memos": (
        "SELECT * FROM order_tracking.credit_memos WHERE order_id = %(id)s "
        "ORDER BY issued_at, memo_number"
    ),
    "returns": "SELECT * FROM returns.returns WHERE order_id = %(id)s ORDER BY authorized_at",
    "return_lines": (
        "SELECT * FROM returns.return_lines WHERE order_id = %(id)s ORDER BY return_id, line_no"
    ),
    "nodes": (
        "SELECT code, name, node_type FROM stock.nodes WHERE code IN "
        "(SELECT node_code FROM order_tracking.shipments WHERE order_id = %(id)s "
        "UNION SELECT pickup_node FROM order_tracking.orders WHERE order_id = %(id)s)"
    ),
}


@dataclass(frozen=True)
class OrderRecord:
    order: Row
    lines: list[Row]
    shipments: list[Row]
    shipment_lines: list[Row]
    invoices: list[Row]
    credit_memos: list[Row]
    returns: list[Row]
    return_lines: list[Row]
    nodes: list[Row]

    def price(self, sku: str) -> Decimal:
        """A line's unit price; for a kit's component, the kit's price spread over its units."""
        for line in self.lines:
            parts = {c["sku"]: c["per_kit"] for c in (line["kit"] or {}).get("components", ())}
            if line["sku"] == sku:
                return Decimal(line["unit_price"])
            if sku in parts:
                return Decimal(line["unit_price"]) / sum(parts.values())
        raise KeyError(sku)

    def lines_of(self, shipment_id: UUID) -> list[Row]:
        return [line for line in self.shipment_lines if line["shipment_id"] == shipment_id]

    def node_name(self, code: str) -> str:
        names = {node["code"]: node["name"] for node in self.nodes}
        return f"{names[code]} ({code})" if code in names else code


async def read_order(pool: ReadPool, order_id: UUID) -> OrderRecord | None:
    """The order's rows from one consistent snapshot; None for an unknown order."""
    async with pool.connection() as conn:
        found = await _snapshot(conn, order_id)
    if not found["order"]:
        return None
    [order] = found.pop("order")
    return OrderRecord(order=order, **found)


async def _snapshot(conn: AsyncConnection[Any], order_id: UUID) -> dict[str, list[Row]]:
    found: dict[str, list[Row]] = {}
    async with conn.transaction():
        await conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        async with conn.cursor(row_factory=dict_row) as cur:
            for name, query in QUERIES.items():
                await cur.execute(query, {"id": order_id})
                found[name] = await cur.fetchall()
    return found
