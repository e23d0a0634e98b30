"""The network as sourcing sees it: which nodes hold each SKU, their load today, and
whether a sourcing rule set exists.

The index learns from the application's event log (new stock records, allocations;
see log_follower.py), so every process knows every stock record, whichever process
opened it. Stock numbers are read from the NodeStock aggregates themselves, so a plan
is always made against the same state the reservations are checked against.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from threading import Lock
from typing import TYPE_CHECKING

from domain.daily_load import DailyLoad
from domain.inventory_node import InventoryNode, NodeStock
from domain.order import Order
from domain.rule_set import SourcingRuleSet
from domain.shipment import LEAVES_NODE
from domain.sourcing import Candidate
from domain.values import node_id

if TYPE_CHECKING:
    from application.base import OMSBase


class NetworkIndex:
    TOPICS = frozenset(
        {
            NodeStock.Created.TOPIC,
            Order.Allocated.TOPIC,
            Order.Cancelled.TOPIC,
            Order.ShipmentStepped.TOPIC,
            Order.AllocationsWithdrawn.TOPIC,
            SourcingRuleSet.Created.TOPIC,
        }
    )

    def __init__(self, app: OMSBase) -> None:
        self._app = app
        self._lock = Lock()
        self._holders: dict[str, set[str]] = defaultdict(set)
        self._load = DailyLoad()
        self.rules_exist = False  # whether a sourcing rule set was ever saved

    def candidates(
        self,
        skus: Iterable[str],
        at: datetime,
        available: Callable[[str, str], int],
        freed: Mapping[str, int] | None = None,
    ) -> list[Candidate]:
        """Every node holding any of the SKUs, with quantities read through `available`.

        `freed`: capacity slots per node that the command deciding now gives back (its
        withdrawn shipments), which the log does not show yet.
        """
        with self._lock:
            holders = {sku: set(self._holders.get(sku, ())) for sku in skus}
        candidates = []
        for code in sorted(set().union(*holders.values())):
            node = self._app.peek(node_id(code))
            if not isinstance(node, InventoryNode):
                continue
            quantities = {sku: available(code, sku) for sku in holders if code in holders[sku]}
            slots = freed.get(code, 0) if freed else 0
            candidates.append(self._candidate(node, quantities, at, slots))
        return candidates

    def holders(self, sku: str) -> set[str]:
        """The codes of every node that has ever held a stock record of the SKU."""
        with self._lock:
            return set(self._holders.get(sku, ()))

    def known(self, sku: str) -> bool:
        """Whether any node ever held a stock record of the SKU."""
        with self._lock:
            return bool(self._holders.get(sku))

    def _candidate(
        self, node: InventoryNode, available: dict[str, int], at: datetime, freed: int
    ) -> Candidate:
        capacity_left = None
        if node.daily_capacity is not None:
            used = self._load.used(node.code, at.date()) - freed
            capacity_left = node.daily_capacity - used
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
            for s in event.shipments:
                units = sum(int(q) for q in s["lines"].values())
                day = event.timestamp.date()
                self._load.allocated(str(s["shipment_id"]), s["node_code"], day, units)
        elif isinstance(event, Order.Cancelled):
            for r in event.from_shipments:
                self._load.reduced(str(r["shipment_id"]), int(r["quantity"]))
        elif isinstance(event, Order.AllocationsWithdrawn):
            for s in event.shipments:
                self._load.dropped(str(s["shipment_id"]))
        elif isinstance(event, Order.ShipmentStepped):
            if event.step == "reject":
                self._load.dropped(str(event.shipment_id))
            elif event.step in LEAVES_NODE:
                self._load.left(str(event.shipment_id))
