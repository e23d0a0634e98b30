"""How many shipments each node took on each day, against its daily capacity.

A shipment uses one slot of its node's capacity on the day it is allocated. A shipment
that will never leave (cancelled to nothing, rejected, withdrawn for re-sourcing) gives its
slot back; one that left keeps it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date


@dataclass
class _Open:
    node_code: str
    day: date
    units: int


class DailyLoad:
    def __init__(self) -> None:
        self._used: defaultdict[tuple[str, date], int] = defaultdict(int)
        self._open: dict[str, _Open] = {}  # shipments that may still give their slot back

    def used(self, node_code: str, day: date) -> int:
        return self._used.get((node_code, day), 0)

    def allocated(self, shipment_id: str, node_code: str, day: date, units: int) -> None:
        self._used[(node_code, day)] += 1
        self._open[shipment_id] = _Open(node_code, day, units)

    def reduced(self, shipment_id: str, units: int) -> None:
        """A cancellation took `units` off the shipment; emptied, it frees its slot."""
        shipment = self._open.get(shipment_id)
        if shipment is None:
            return
        shipment.units -= units
        if shipment.units <= 0:
            self.dropped(shipment_id)

    def dropped(self, shipment_id: str) -> None:
        """The shipment was rejected or withdrawn: its slot is free again."""
        shipment = self._open.pop(shipment_id, None)
        if shipment is not None:
            self._used[(shipment.node_code, shipment.day)] -= 1

    def left(self, shipment_id: str) -> None:
        """The goods left the node: the slot stays used, and nothing can free it now."""
        self._open.pop(shipment_id, None)
