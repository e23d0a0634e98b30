"""DataLoaders for nested fields: every field of every parent in one query (`= ANY(%s)`).

A request gets its own `Loaders`, so its cache lives as long as the request. A WebSocket
connection gets them without a cache, so each subscription event reads fresh rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable
from functools import cached_property
from typing import Any, LiteralString

from strawberry.dataloader import DataLoader

from interfaces.graphql.db import ReadPool, Row, fetch_all

# Every column an Order is built from (not `recorded_returns`: returns have their own table).
ORDER_COLUMNS = (
    "order_id, external_ref, channel, status, customer_id, customer_name, customer_email, "
    "customer_phone, delivery, holds, hold_rules, total, authorized, invoiced, paid, refunded, "
    "requested_date, placed_at, updated_at, version"
)
ORDER = "SELECT " + ORDER_COLUMNS + " FROM order_tracking.orders WHERE order_id = %s"
ORDERS = "SELECT " + ORDER_COLUMNS + " FROM order_tracking.orders WHERE order_id = ANY(%s)"
ORDER_LINES = (
    "SELECT * FROM order_tracking.order_lines WHERE order_id = ANY(%s) ORDER BY order_id, line_no"
)
SHIPMENTS = "SELECT * FROM order_tracking.shipments WHERE order_id = ANY(%s) ORDER BY order_id, seq"
SHIPMENT_LINES = (
    "SELECT * FROM order_tracking.shipment_lines WHERE order_id = ANY(%s) "
    "ORDER BY order_id, shipment_id, sku"
)
SHIPMENT_SCANS = (
    "SELECT * FROM order_tracking.shipment_scans WHERE shipment_id = ANY(%s::uuid[]) "
    "ORDER BY shipment_id, at, version"
)
TIMELINE = (
    "SELECT * FROM order_tracking.order_timeline WHERE order_id = ANY(%s) "
    "ORDER BY order_id, version"
)
SOURCING = (
    "SELECT * FROM order_tracking.order_sourcing WHERE order_id = ANY(%s) "
    "ORDER BY order_id, version"
)
RETURNS_BY_ORDER = (
    "SELECT * FROM returns.returns WHERE order_id = ANY(%s) "
    "ORDER BY order_id, authorized_at, return_id"
)
RETURN_LINES = (
    "SELECT * FROM returns.return_lines WHERE return_id = ANY(%s) ORDER BY return_id, line_no"
)
STOCK_BY_NODE = (
    "SELECT s.*, n.node_type FROM stock.stock_by_node s "
    "LEFT JOIN stock.nodes n ON n.code = s.node_code "
    "WHERE s.sku = ANY(%s) ORDER BY s.sku, s.node_code"
)
STOCK_BY_CHANNEL = "SELECT * FROM stock.stock_by_channel WHERE sku = ANY(%s) ORDER BY sku, channel"
NODES = "SELECT * FROM stock.nodes WHERE code = ANY(%s)"
DOWNTIMES = (
    "SELECT * FROM stock.node_downtimes WHERE node_code = ANY(%s) "
    "ORDER BY node_code, starts_at, downtime_id"
)


class Loaders:
    """The request's loaders, each made on first use."""

    def __init__(self, pool: ReadPool, *, cache: bool = True) -> None:
        self._pool = pool
        self._cache = cache

    @cached_property
    def orders(self) -> DataLoader[Hashable, Row | None]:
        return self._one(ORDERS, "order_id")

    @cached_property
    def order_lines(self) -> DataLoader[Hashable, list[Row]]:
        return self._many(ORDER_LINES, "order_id")

    @cached_property
    def shipments(self) -> DataLoader[Hashable, list[Row]]:
        return self._many(SHIPMENTS, "order_id")

    @cached_property
    def shipment_lines(self) -> DataLoader[Hashable, list[Row]]:
        """By order id: the lines of all of the order's shipments."""
        return self._many(SHIPMENT_LINES, "order_id")

    @cached_property
    def shipment_scans(self) -> DataLoader[Hashable, list[Row]]:
        """By shipment id (as text)."""
        return self._many(SHIPMENT_SCANS, "shipment_id", key_type=str)

    @cached_property
    def timeline(self) -> DataLoader[Hashable, list[Row]]:
        return self._many(TIMELINE, "order_id")

    @cached_property
    def sourcing(self) -> DataLoader[Hashable, list[Row]]:
        return self._many(SOURCING, "order_id")

    @cached_property
    def returns_by_order(self) -> DataLoader[Hashable, list[Row]]:
        return self._many(RETURNS_BY_ORDER, "order_id")

    @cached_property
    def return_lines(self) -> DataLoader[Hashable, list[Row]]:
        return self._many(RETURN_LINES, "return_id")

    @cached_property
    def stock_by_node(self) -> DataLoader[Hashable, list[Row]]:
        return self._many(STOCK_BY_NODE, "sku")

    @cached_property
    def stock_by_channel(self) -> DataLoader[Hashable, list[Row]]:
        return self._many(STOCK_BY_CHANNEL, "sku")

    @cached_property
    def nodes(self) -> DataLoader[Hashable, Row | None]:
        return self._one(NODES, "code")

    @cached_property
    def downtimes(self) -> DataLoader[Hashable, list[Row]]:
        return self._many(DOWNTIMES, "node_code")

    def _many(
        self, query: LiteralString, key: str, key_type: Callable[[Any], Any] | None = None
    ) -> DataLoader[Hashable, list[Row]]:
        """Rows grouped under the key they belong to (an empty list for none); `key_type`
        converts a row's key to the loader's keys when they differ (UUID to text)."""

        async def load(keys: list[Hashable]) -> list[list[Row]]:
            groups: defaultdict[Any, list[Row]] = defaultdict(list)
            for row in await fetch_all(self._pool, query, (list(keys),)):
                groups[key_type(row[key]) if key_type else row[key]].append(row)
            return [groups.get(k, []) for k in keys]

        return DataLoader(load_fn=load, cache=self._cache)

    def _one(self, query: LiteralString, key: str) -> DataLoader[Hashable, Row | None]:
        """The row with that key, or None."""

        async def load(keys: list[Hashable]) -> list[Row | None]:
            found = {row[key]: row for row in await fetch_all(self._pool, query, (list(keys),))}
            return [found.get(k) for k in keys]

        return DataLoader(load_fn=load, cache=self._cache)
