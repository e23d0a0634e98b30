"""Read model `stock`: nodes, their downtimes, and stock per node, SKU and channel."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg import Cursor

from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.rule_set import SourcingRuleSet
from projections.base import Envelope, Projection, event_topics
from projections.stock_batch import StockBatch


class StockProjection(Projection):
    name = "stock"
    # One job (it is not split): on the 1M-event log it takes ~17-23 s, mostly waiting on
    # PostgreSQL, longer than a quarter of order_tracking, so it starts first.
    refold_cost = 2.0
    topics = event_topics(InventoryNode, NodeStock, SourcingRuleSet)

    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        batch = StockBatch(cur, [e.event for e in envelopes])
        for envelope in envelopes:
            batch.apply(envelope.event)
        batch.save(cur)
