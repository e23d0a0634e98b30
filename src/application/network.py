"""The network as sourcing sees it: which nodes hold each SKU, and their load today.

The index follows the application's own event log (new stock records, allocations),
so every process that writes knows every stock record, whichever process opened it.
Stock numbers are then read from the NodeStock aggregates themselves, so a plan is
always made against the same state the reservations are checked against.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from threading import Lock
from typing import TYPE_CHECKING

from domain.inventory_node import InventoryNode, NodeStock
from domain.order import Order
from domain.sourcing import Candidate

if TYPE_CHECKING:
    from application.base import OMSBase

WATCHED = (NodeStock.Created.TOPIC, Order.Allocated.TOPIC)


class NetworkIndex:
    def __init__(self, app: OMSBase, batch: int = 1000) -> None:
        self._app = app
        self._batch = batch
        self._lock = Lock()
        self._position = 0
        self._holders: dict[str, set[str]] = defaultdict(set)
        self._released: dict[tuple[str, date], int] = defaultdict(int)

    def candidates(
        self, skus: Iterable[str], at: datetime, load: Callable[[str, str], NodeStock]
    ) -> list[Candidate]:
        """Every node holding any of the SKUs, with stock read through `load`."""
        skus = list(skus)
        self._catch_up()
        codes = sorted({code for sku in skus for code in self._holders.get(sku, ())})
        candidates = []
        for code in codes:
            node = self._app.node(code)
            available = {
                sku: load(code, sku).available for sku in skus if code in self._holders.get(sku, ())
            }
            candidates.append(self._candidate(node, available, at))
        return candidates

    def _candidate(self, node: InventoryNode, available: dict[str, int], at: datetime) -> Candidate:
        capacity_left = None
        if node.daily_capacity is not None:
            capacity_left = node.daily_capacity - self._released[(node.code, at.date())]
        return Candidate(
            node_code=node.code,
            location=node.location,
            capabilities=node.capabilities,
            available=available,
            priority=node.priority,
            ship_cost=node.ship_cost,
            active=node.active,
            down=node.is_down(at),
            capacity_left=capacity_left,
        )

    def _catch_up(self) -> None:
        with self._lock:
            while True:
                notifications = self._app.recorder.select_notifications(
                    start=self._position,
                    limit=self._batch,
                    topics=WATCHED,
                    inclusive_of_start=False,
                )
                for notification in notifications:
                    self._learn(self._app.mapper.to_domain_event(notification))
                    self._position = notification.id
                if len(notifications) < self._batch:
                    return

    def _learn(self, event: object) -> None:
        if isinstance(event, NodeStock.Created):
            self._holders[event.sku].add(event.node_code)
        elif isinstance(event, Order.Allocated):
            for shipment in event.shipments:
                self._released[(shipment["node_code"], event.timestamp.date())] += 1
