"""Which shipments wait at a store for their customer, and since when: learned from the log."""

from __future__ import annotations

from datetime import datetime, timedelta
from threading import Lock
from typing import Any
from uuid import UUID

from domain.order import Order
from domain.shipment import Step


class PickupIndex:
    TOPICS = frozenset({Order.ShipmentStepped.TOPIC, Order.Closed.TOPIC})

    def __init__(self) -> None:
        self._lock = Lock()
        self._ready: dict[tuple[UUID, UUID], datetime] = {}  # (order, shipment) -> ready at

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
            if isinstance(event, Order.ShipmentStepped):
                key = (event.originator_id, event.shipment_id)
                if event.step == Step.READY_FOR_PICKUP:
                    self._ready[key] = event.timestamp
                else:
                    self._ready.pop(key, None)
            elif isinstance(event, Order.Closed):
                for key in [k for k in self._ready if k[0] == event.originator_id]:
                    del self._ready[key]
