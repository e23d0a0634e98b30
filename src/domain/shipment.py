"""A shipment: the part of an order one node fulfils, and the steps it may take."""

from __future__ import annotations

from dataclasses import dataclass, field
from uuid import UUID

from domain.errors import NotAllowed
from domain.values import ShipmentStatus as S

# Which statuses each fulfilment step may start from, and where it leads.
STEPS: dict[str, tuple[frozenset[S], S]] = {
    "pick": (frozenset({S.ALLOCATED}), S.PICKED),
    "pack": (frozenset({S.PICKED}), S.PACKED),
    "ship": (frozenset({S.PACKED}), S.SHIPPED),
    "deliver": (frozenset({S.SHIPPED}), S.DELIVERED),
    "ready-for-pickup": (frozenset({S.PICKED, S.PACKED}), S.READY_FOR_PICKUP),
    "collect": (frozenset({S.READY_FOR_PICKUP}), S.DELIVERED),
    "reject": (frozenset({S.ALLOCATED, S.PICKED}), S.REJECTED),
}

OPEN = frozenset({S.ALLOCATED, S.PICKED, S.PACKED, S.READY_FOR_PICKUP})
GONE = frozenset({S.SHIPPED, S.DELIVERED})
LIVE = OPEN | GONE
# Steps after which the goods have left the node: its stock falls, the shipment is invoiced.
LEAVES_NODE = frozenset({"ship", "collect"})


@dataclass
class Shipment:
    id: UUID
    node_code: str
    lines: dict[str, int]
    status: S = S.ALLOCATED
    carrier: str | None = None
    tracking_number: str | None = None
    documents: dict[str, str] = field(default_factory=dict)

    def check(self, step: str) -> S:
        """The status the step leads to, or NotAllowed from the current status."""
        sources, target = STEPS[step]
        if self.status not in sources:
            raise NotAllowed(f"shipment {self.id} is {self.status}: cannot {step}")
        return target

    def quantity(self, sku: str) -> int:
        return self.lines.get(sku, 0)

    def reduce(self, sku: str, quantity: int) -> None:
        left = self.lines[sku] - quantity
        if left:
            self.lines[sku] = left
        else:
            del self.lines[sku]
        if not self.lines:
            self.status = S.CANCELLED


# The document each step produces, and its number's prefix.
DOCUMENTS = {
    "pick": ("pick_list", "PL"),
    "pack": ("packing_slip", "PS"),
    "ship": ("shipping_label", "LB"),
}


def documents_for(step: str, shipment_id: UUID) -> dict[str, str]:
    """The documents a fulfilment step produces (pick list, packing slip, shipping label)."""
    if step not in DOCUMENTS:
        return {}
    name, prefix = DOCUMENTS[step]
    return {name: f"{prefix}-{shipment_id.hex[:10].upper()}"}
