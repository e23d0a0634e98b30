"""The stock rows one batch touches: loaded in bulk, changed in memory, written in bulk."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from typing import Any
from uuid import UUID

from psycopg import Cursor

from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.rule_set import SourcingRuleSet
from domain.stock_levels import StockLevels
from projections import channel_rules, rows
from projections.rows import Row
from projections.stock_totals import Sellers, channel_rows, sku_row

LEVELS = ("on_hand", "reserved", "safety_stock", "in_transit", "preordered")
_ALL_STOCK = "SELECT * FROM stock_by_node"
_ALL_NODES = "SELECT * FROM nodes"
_STOCK_QUERY = """
SELECT * FROM stock_by_node WHERE sku IN (
    SELECT sku FROM stock_by_node WHERE stock_id = ANY(%s) OR node_code = ANY(%s)
) OR sku = ANY(%s)
"""


class StockBatch:
    """The rows a batch touches, loaded in bulk, changed in memory, written back in bulk."""

    def __init__(self, cur: Cursor[Any], events: list[Any]) -> None:
        node_ids = {e.originator_id for e in events if isinstance(e, InventoryNode.Event)}
        registered = {e.code for e in events if isinstance(e, InventoryNode.Registered)}
        created = [e for e in events if isinstance(e, NodeStock.Created)]
        stock_ids = {e.originator_id for e in events if isinstance(e, NodeStock.Event)}
        # A new rule set may change every SKU's channel rows: then every row is loaded.
        rules_changed = any(isinstance(e, SourcingRuleSet.Replaced) for e in events)
        self.channels = channel_rules.load(cur)
        self.rules_version: int | None = None
        self.nodes: dict[str, Row] = {}
        if rules_changed:
            self._add_nodes(rows.query(cur, _ALL_NODES, ()))
        self._add_nodes(rows.fetch(cur, "nodes", "node_id", node_ids))
        codes = list(registered | set(self.nodes))
        loaded = (
            rows.query(cur, _ALL_STOCK, ())
            if rules_changed
            else rows.query(cur, _STOCK_QUERY, (list(stock_ids), codes, [e.sku for e in created]))
        )
        self.stocks = {row["stock_id"]: row for row in loaded}
        self.by_node: dict[str, list[Row]] = defaultdict(list)
        for row in loaded:
            self.by_node[row["node_code"]].append(row)
        wanted = {r["node_code"] for r in loaded} | {e.node_code for e in created}
        self._add_nodes(rows.fetch(cur, "nodes", "code", wanted - set(self.nodes)))
        self.node_codes = {row["node_id"]: code for code, row in self.nodes.items()}
        self.dirty_nodes: set[str] = set()
        self.dirty_stocks: set[UUID] = set()
        # The levels of the stock rows this batch changes, folded by the domain's `move`
        # handlers and copied into the rows when the batch is saved.
        self.levels: dict[UUID, StockLevels] = {}
        self.touched: dict[str, datetime] = {}
        self.downtimes: dict[tuple[str, UUID], Row | None] = {}

    def _add_nodes(self, found: list[Row]) -> None:
        for row in found:
            row.pop("location", None)  # generated from lat and lon
            self.nodes[row["code"]] = row

    def apply(self, event: Any) -> None:
        if isinstance(event, InventoryNode.Event):
            self._apply_node(event)
        elif isinstance(event, SourcingRuleSet.Replaced):
            self.channels = channel_rules.replaced(event)
            self.rules_version = event.originator_version - 1
            for row in self.stocks.values():
                self.touched[row["sku"]] = event.timestamp
        elif isinstance(event, NodeStock.Event):
            self._apply_stock(event)

    def _apply_node(self, event: Any) -> None:
        at = event.timestamp
        if isinstance(event, InventoryNode.Registered):
            node = {
                "code": event.code,
                "node_id": event.originator_id,
                "name": event.name,
                "node_type": event.node_type,
                "lat": event.lat,
                "lon": event.lon,
                "capabilities": list(event.capabilities),
                "daily_capacity": event.daily_capacity,
                "priority": event.priority,
                "ship_cost": event.ship_cost,
                "active": True,
                "registered_at": at,
            }
            self.nodes[event.code] = node
            self.node_codes[event.originator_id] = event.code
        node = self.nodes[self.node_codes[event.originator_id]]
        if isinstance(event, InventoryNode.Activated | InventoryNode.Deactivated):
            node["active"] = isinstance(event, InventoryNode.Activated)
        elif isinstance(event, InventoryNode.DowntimeScheduled):
            self.downtimes[(node["code"], event.downtime_id)] = {
                "node_code": node["code"],
                "downtime_id": event.downtime_id,
                "starts_at": event.starts_at,
                "ends_at": event.ends_at,
                "reason": event.reason,
            }
        elif isinstance(event, InventoryNode.DowntimeCancelled):
            self.downtimes[(node["code"], event.downtime_id)] = None
        node.update(
            status="ACTIVE" if node["active"] else "INACTIVE",
            updated_at=at,
            version=event.originator_version,
        )
        self.dirty_nodes.add(node["code"])
        for row in self.by_node[node["code"]]:  # channel availability may change
            self.touched[row["sku"]] = at

    def _apply_stock(self, event: Any) -> None:
        if isinstance(event, NodeStock.Created):
            row: Row = {
                "node_code": event.node_code,
                "sku": event.sku,
                "stock_id": event.originator_id,
                "on_hand": 0,
                "reserved": 0,
                "safety_stock": 0,
                "in_transit": 0,
                "preordered": 0,
            }
            self.stocks[event.originator_id] = row
            self.by_node[event.node_code].append(row)
        row = self.stocks[event.originator_id]
        levels = self.levels.get(event.originator_id)
        if levels is None:
            levels = StockLevels(**{name: row[name] for name in LEVELS})
            self.levels[event.originator_id] = levels
        event.move(levels)  # the domain's own handler, as the aggregate folds it
        row.update(updated_at=event.timestamp, version=event.originator_version)
        self.dirty_stocks.add(event.originator_id)
        self.touched[row["sku"]] = event.timestamp

    def save(self, cur: Cursor[Any]) -> None:
        if self.rules_version is not None:
            channel_rules.save(cur, self.channels, self.rules_version)
        rows.upsert(cur, "nodes", ["code"], (self.nodes[c] for c in sorted(self.dirty_nodes)))
        kept = [row for row in self.downtimes.values() if row is not None]
        gone = [key for key, row in self.downtimes.items() if row is None]
        rows.upsert(cur, "node_downtimes", ["node_code", "downtime_id"], kept)
        rows.delete(cur, "node_downtimes", ["node_code", "downtime_id"], gone)
        for stock_id, levels in self.levels.items():
            self.stocks[stock_id].update(vars(levels), available=levels.available)
        dirty = [self.stocks[i] for i in self.dirty_stocks]
        rows.upsert(cur, "stock_by_node", ["node_code", "sku"], dirty)
        by_sku: dict[str, list[Row]] = defaultdict(list)
        for row in self.stocks.values():
            if row["sku"] in self.touched:
                by_sku[row["sku"]].append(row)
        skus = sorted(self.touched)
        sellers = Sellers(self.nodes, self.channels)
        rows.upsert(
            cur,
            "stock_by_sku",
            ["sku"],
            (sku_row(sku, by_sku[sku], self.touched[sku]) for sku in skus),
        )
        rows.upsert(
            cur,
            "stock_by_channel",
            ["sku", "channel"],
            (
                r
                for sku in skus
                for r in channel_rows(
                    sku, by_sku[sku], self.nodes, self.touched[sku], self.channels, sellers
                )
            ),
        )
