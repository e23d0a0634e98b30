"""Which orders wait for which SKU, oldest order first: learned from the event log.

Each allocation says what the order still has backordered (by the SKUs shipments carry:
a kit line's components); a closing ends it, and after a cancellation the order is read
again for what it still waits for. So a policy finds the orders waiting for a SKU
without loading every order. The index only points the way: the command that allocates
checks each order it loads.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime
from threading import Lock
from typing import TYPE_CHECKING, Any
from uuid import UUID

from domain.order import Order
from domain.order_values import Quantities

if TYPE_CHECKING:
    from application.base import OMSBase

# An order's first allocation is its second event (the placement sources the order).
_PLACEMENT_VERSION = 2


class BackorderIndex:
    TOPICS = frozenset({Order.Allocated.TOPIC, Order.Cancelled.TOPIC, Order.Closed.TOPIC})

    def __init__(self, app: OMSBase) -> None:
        self._app = app
        self._lock = Lock()
        self._waiting: dict[str, set[UUID]] = defaultdict(set)  # by SKU
        self._orders: dict[UUID, tuple[datetime, frozenset[str]]] = {}  # placed at, SKUs

    def waiting(self, sku: str) -> list[UUID]:
        """The orders with units of `sku` backordered, oldest order first."""
        with self._lock:
            found = [(self._orders[oid][0], oid) for oid in self._waiting.get(sku, ())]
        return [oid for _, oid in sorted(found)]

    def count(self, sku: str) -> int:
        """How many orders wait for `sku` (cheaper than listing them)."""
        with self._lock:
            return len(self._waiting.get(sku, ()))

    def learn(self, event: Any) -> None:
        oid = event.originator_id
        if isinstance(event, Order.Allocated):
            placed = event.timestamp if event.originator_version == _PLACEMENT_VERSION else None
            self._set(oid, event.backordered, placed)
        elif isinstance(event, Order.Closed):
            self._set(oid, {}, None)
        elif oid in self._orders:  # a cancellation of a waiting order: what is left
            order = self._app.peek(oid)
            waiting = order.to_source() if isinstance(order, Order) and not order.closed else {}
            self._set(oid, waiting, None)

    def _set(self, oid: UUID, backordered: Quantities, placed: datetime | None) -> None:
        skus = frozenset(sku for sku, qty in backordered.items() if qty > 0)
        with self._lock:
            known = self._orders.pop(oid, None)
            for sku in known[1] - skus if known else ():
                self._waiting[sku].discard(oid)
            if not skus:
                return
            placed = known[0] if known else placed
        if placed is None:  # first seen waiting after a later change: read when it was placed
            order = self._app.peek(oid)
            assert isinstance(order, Order), f"an allocation of an unknown order {oid}"
            placed = order.created_on
        with self._lock:
            self._orders[oid] = (placed, skus)
            for sku in skus:
                self._waiting[sku].add(oid)
