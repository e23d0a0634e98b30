"""Which preorder shipments wait for supply at which node, oldest first: learned from the log.

An allocation names its preorder shipments; each SKU's arrival for one, a cancellation, a
rejection, a withdrawal or the order's closing changes what it waits for, and then the
order is read again. The index only points the way: the command that fills preorders
checks each shipment it loads.
"""

from __future__ import annotations

from datetime import datetime
from threading import Lock
from typing import Any
from uuid import UUID

from domain.order import Order
from domain.shipment import OPEN

Key = tuple[str, str]  # node code, SKU
Waiting = tuple[datetime, UUID, UUID]  # preordered at, order id, shipment id


class PreorderIndex:
    TOPICS = frozenset(
        {
            Order.Allocated.TOPIC,
            Order.PreorderArrived.TOPIC,
            Order.Cancelled.TOPIC,
            Order.AllocationsWithdrawn.TOPIC,
            Order.ShipmentStepped.TOPIC,
            Order.Closed.TOPIC,
        }
    )

    def __init__(self, peek: Any) -> None:
        self._peek = peek  # reads an order (the writer's own, or the stored one)
        self._lock = Lock()
        self._waiting: dict[Key, dict[UUID, Waiting]] = {}  # by shipment id
        self._orders: dict[UUID, set[Key]] = {}

    def waiting(self, node_code: str, sku: str) -> list[tuple[UUID, UUID]]:
        """(order id, shipment id) of the preorders waiting at the node for the SKU,
        oldest first."""
        with self._lock:
            found = sorted(self._waiting.get((node_code, sku), {}).values())
        return [(oid, sid) for _, oid, sid in found]

    def learn(self, event: Any) -> None:
        oid = event.originator_id
        if isinstance(event, Order.Allocated):
            for s in event.shipments:
                for sku in s.awaiting:
                    self._add((s.node_code, sku), (event.timestamp, oid, s.shipment_id))
        elif isinstance(event, Order.PreorderArrived):
            self._drop(oid, (event.node_code, event.sku), event.shipment_id)
        elif oid in self._orders:
            self._recheck(oid)

    def _recheck(self, oid: UUID) -> None:
        """Drop what the order's shipments no longer wait for."""
        order = self._peek(oid)
        for key in list(self._orders.get(oid, ())):
            for sid in [w[2] for w in self._waiting.get(key, {}).values() if w[1] == oid]:
                shipment = order.shipments.get(str(sid)) if isinstance(order, Order) else None
                if shipment is None or order.closed or not _waits(shipment, key[1]):
                    self._drop(oid, key, sid)

    def _add(self, key: Key, waiting: Waiting) -> None:
        with self._lock:
            self._waiting.setdefault(key, {})[waiting[2]] = waiting
            self._orders.setdefault(waiting[1], set()).add(key)

    def _drop(self, oid: UUID, key: Key, sid: UUID) -> None:
        with self._lock:
            shipments = self._waiting.get(key, {})
            shipments.pop(sid, None)
            if not shipments:
                self._waiting.pop(key, None)
            if not any(w[1] == oid for w in shipments.values()):
                keys = self._orders.get(oid, set())
                keys.discard(key)
                if not keys:
                    self._orders.pop(oid, None)


def _waits(shipment: Any, sku: str) -> bool:
    return shipment.status in OPEN and sku in shipment.waits_for
