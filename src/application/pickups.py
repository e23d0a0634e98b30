"""Pickups as the log tells them: shipments waiting at a store for their customer (and
since when), and TRANSFER shipments on their way to one (and their order)."""

from __future__ import annotations

from datetime import datetime, timedelta
from threading import Lock
from typing import Any
from uuid import UUID

from domain.order import Order
from domain.shipment import Step

# The steps that make a shipment wait at its store: made ready there, or arrived there.
READY_STEPS = frozenset({Step.READY_FOR_PICKUP, Step.ARRIVE})


class PickupIndex:
    TOPICS = frozenset({Order.Allocated.TOPIC, Order.ShipmentStepped.TOPIC, Order.Closed.TOPIC})

    def __init__(self) -> None:
        self._lock = Lock()
        self._ready: dict[tuple[UUID, UUID], datetime] = {}  # (order, shipment) -> ready at
        self._transfers: dict[UUID, UUID] = {}  # TRANSFER shipment not arrived -> its order

    def transfer_order(self, shipment_id: UUID) -> UUID | None:
        """The order of a TRANSFER shipment not at its store yet (None: no such one)."""
        with self._lock:
            return self._transfers.get(shipment_id)

    def due(self, now: datetime, days: int) -> list[tuple[UUID, UUID]]:
        """Shipments ready for pickup `days` or more before `now`, the longest waiting first."""
        limit = now - timedelta(days=days)
        with self._lock:
            found = [(at, key) for key, at in self._ready.items() if at <= limit]
        return [key for _, key in sorted(found)]

    def forget(self, key: tuple[UUID, UUID]) -> None:
        """Drop a shipment found no longer waiting (cancelled with its order, say)."""
        with self._lock:
            self._ready.pop(key, None)

    def learn(self, event: Any) -> None:
        with self._lock:
            if isinstance(event, Order.Allocated):
                for s in event.shipments:
                    if s.transfer_to:
                        self._transfers[s.shipment_id] = event.originator_id
            elif isinstance(event, Order.ShipmentStepped):
                key = (event.originator_id, event.shipment_id)
                if event.step in READY_STEPS:
                    self._ready[key] = event.timestamp
                else:
                    self._ready.pop(key, None)
                if event.step in (Step.ARRIVE, Step.REJECT):
                    self._transfers.pop(event.shipment_id, None)
            elif isinstance(event, Order.Closed):
                oid = event.originator_id
                for key in [k for k in self._ready if k[0] == oid]:
                    del self._ready[key]
                for sid in [s for s, o in self._transfers.items() if o == oid]:
                    del self._transfers[sid]
