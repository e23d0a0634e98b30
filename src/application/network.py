"""The network as sourcing sees it: which nodes hold each SKU, their load today, and
whether a sourcing rule set exists.

The index learns from the application's event log (new stock records, allocations;
see log_follower.py), so every process knows every stock record, whichever process
opened it. Stock numbers are read from the NodeStock aggregates themselves, so a plan
is always made against the same state the reservations are checked against.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from threading import Lock
from typing import TYPE_CHECKING

from domain.inventory_node import InventoryNode, NodeStock
from domain.order import Order
from domain.rule_set import SourcingRuleSet
from domain.sourcing import Candidate
from domain.values import node_id

if TYPE_CHECKING:
    from application.base import OMSBase


class NetworkIndex:
    TOPICS = frozenset(
        {NodeStock.Created.TOPIC, Order.Allocated.TOPIC, SourcingRuleSet.Created.TOPIC}
    )

    def __init__(self, app: OMSBase) -> None:
        self._app = app
        self._lock = Lock()
        self._holders: dict[str, set[str]] = defaultdict(set)
        self._released: dict[tuple[str, date], int] = defaultdict(int)
        self.rules_exist = False  # whether a sourcing rule set was ever saved

    def candidates(
        self, skus: Iterable[str], at: datetime, available: Callable[[str, str], int]
    ) -> list[Candidate]:
        """Every node holding any of the SKUs, with quantities read through `available`."""
        with self._lock:
            holders = {sku: set(self._holders.get(sku, ())) for sku in skus}
        candidates = []
        for code in sorted(set().union(*holders.values())):
            node = self._app.peek(node_id(code))
            if not isinstance(node, InventoryNode):
                continue
            quantities = {sku: available(code, sku) for sku in holders if code in holders[sku]}
            candidates.append(self._candidate(node, quantities, at))
        return candidates

    def holders(self, sku: str) -> set[str]:
        """The codes of every node that has ever held a stock record of the SKU."""
        with self._lock:
            return set(self._holders.get(sku, ()))

    def _candidate(self, node: InventoryNode, available: dict[str, int], at: datetime) -> Candidate:
        capacity_left = None
        if node.daily_capacity is not None:
            capacity_left = node.daily_capacity - self._released.get((node.code, at.date()), 0)
        return Candidate(
            node_code=node.code,
            location=node.location,
            capabilities=node.capabilities,
            available=available,
            node_type=node.node_type,
            priority=node.priority,
            ship_cost=node.ship_cost,
            active=node.active,
            downtimes=tuple((start, end) for start, end, _ in node.downtimes.values()),
            capacity_left=capacity_left,
        )

    def learn(self, event: object) -> None:
        with self._lock:
            self._learn(event)

    def _learn(self, event: object) -> None:
        if isinstance(event, NodeStock.Created):
            self._holders[event.sku].add(event.node_code)
        elif isinstance(event, SourcingRuleSet.Created):
            self.rules_exist = True
        elif isinstance(event, Order.Allocated):
            for shipment in event.shipments:
                self._released[(shipment["node_code"], event.timestamp.date())] += 1
