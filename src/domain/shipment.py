"""A shipment: the part of an order one node fulfils, and the steps it may take."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any
from uuid import UUID

from domain.errors import NotAllowed
from domain.quick_init import quick_init
from domain.values import DeliveryMethod, ShipmentType
from domain.values import ShipmentStatus as S


class Step(StrEnum):
    """A fulfilment step; its value is the name REST paths and stored events use."""

    PICK = "pick"
    PACK = "pack"
    SHIP = "ship"
    DELIVER = "deliver"
    READY_FOR_PICKUP = "ready-for-pickup"
    COLLECT = "collect"
    REJECT = "reject"
    ARRIVE = "arrive"  # a TRANSFER shipment reached its pickup store (see order_transfers)


# Which statuses each fulfilment step may start from, and where it leads.
STEPS: dict[Step, tuple[frozenset[S], S]] = {
    Step.PICK: (frozenset({S.ALLOCATED}), S.PICKED),
    Step.PACK: (frozenset({S.PICKED}), S.PACKED),
    Step.SHIP: (frozenset({S.PACKED}), S.SHIPPED),
    Step.DELIVER: (frozenset({S.SHIPPED}), S.DELIVERED),
    Step.READY_FOR_PICKUP: (frozenset({S.PICKED, S.PACKED}), S.READY_FOR_PICKUP),
    Step.COLLECT: (frozenset({S.READY_FOR_PICKUP}), S.DELIVERED),
    Step.REJECT: (frozenset({S.ALLOCATED, S.PICKED}), S.REJECTED),
    Step.ARRIVE: (frozenset({S.SHIPPED}), S.READY_FOR_PICKUP),
}

OPEN = frozenset({S.ALLOCATED, S.PICKED, S.PACKED, S.READY_FOR_PICKUP})
GONE = frozenset({S.SHIPPED, S.DELIVERED})
LIVE = OPEN | GONE
# Steps after which the goods have left the node: its stock falls, the shipment is invoiced.
LEAVES_NODE = frozenset({Step.SHIP, Step.COLLECT})
# The type of a shipment that is no transfer, by its order's delivery method.
_TYPE_OF = {method: ShipmentType(str(method)) for method in DeliveryMethod}


@dataclass
class Shipment:
    id: UUID
    node_code: str
    lines: dict[str, int]
    status: S = S.ALLOCATED
    carrier: str | None = None
    tracking_number: str | None = None
    documents: dict[str, str] = field(default_factory=dict)
    # A preorder: the SKUs whose supply in transit it still waits for (it cannot be
    # picked until none is left), and the date that supply is expected (None: unknown).
    awaiting: tuple[str, ...] = ()
    promised: str | None = None
    # A TRANSFER shipment: sent from `node_code` to this pickup store, whose shipment it
    # is (`node_code` too) once it arrived there.
    transfer_to: str | None = None

    @property
    def waits_for(self) -> tuple[str, ...]:
        """The SKUs it carries whose supply has not arrived (`awaiting` keeps a SKU whose
        units were all cancelled meanwhile: its hold in transit was let go as such)."""
        return tuple(sku for sku in self.awaiting if sku in self.lines)

    @property
    def in_transfer(self) -> bool:
        """A TRANSFER shipment not at its pickup store yet."""
        return self.transfer_to is not None and self.node_code != self.transfer_to

    @property
    def held_at(self) -> str:
        """The node whose stock is held for it: its own, or the pickup store a transfer
        is on its way to."""
        on_its_way = self.in_transfer and self.status is S.SHIPPED
        return self.transfer_to if on_its_way and self.transfer_to else self.node_code

    @property
    def cancellable(self) -> bool:
        """Whether a cancellation may still take its units: open, or on its way to the
        pickup store (the goods then stay on the store's shelf)."""
        return self.status in OPEN or (self.in_transfer and self.status is S.SHIPPED)

    def kind(self, method: DeliveryMethod) -> ShipmentType:
        """TRANSFER (to a pickup store), else its order's delivery method."""
        return ShipmentType.TRANSFER if self.transfer_to else _TYPE_OF[method]

    def check(self, step: Step) -> S:
        """The status the step leads to, or NotAllowed from the current status."""
        sources, target = STEPS[step]
        if self.waits_for and step is not Step.REJECT:
            when = f"expected {self.promised}" if self.promised else "in transit"
            raise NotAllowed(f"shipment {self.id} waits for its stock ({when}): cannot {step}")
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


@quick_init
@dataclass(frozen=True)
class NewShipment:
    """A shipment an allocation created: what one node is to send (a preorder: once the
    supply in transit for its lines arrives, expected on `promised_date`)."""

    shipment_id: UUID
    node_code: str
    lines: dict[str, int]
    preorder: bool = False
    promised_date: str | None = None
    transfer_to: str | None = None  # a TRANSFER shipment's pickup store
    # A preorder's SKUs reserved on hand at once (a ship-together kit's components the node
    # holds); the others wait for their supply.
    on_hand: tuple[str, ...] = ()

    @property
    def awaiting(self) -> tuple[str, ...]:
        """The SKUs a preorder waits for (none for any other shipment)."""
        return tuple(s for s in self.lines if s not in self.on_hand) if self.preorder else ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> NewShipment:
        return cls(
            UUID(str(data["shipment_id"])),
            data["node_code"],
            dict(data["lines"]),
            bool(data.get("preorder", False)),
            data.get("promised_date"),
            data.get("transfer_to"),
            tuple(data.get("on_hand", ())),
        )


@quick_init
@dataclass(frozen=True)
class Reduction:
    """Units of one SKU taken off a shipment (a cancellation or a rejection)."""

    shipment_id: UUID
    node_code: str
    sku: str
    quantity: int

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Reduction:
        shipment_id = UUID(str(data["shipment_id"]))
        return cls(shipment_id, data["node_code"], data["sku"], int(data["quantity"]))


# The document each step produces, and its number's prefix.
DOCUMENTS = {
    Step.PICK: ("pick_list", "PL"),
    Step.PACK: ("packing_slip", "PS"),
    Step.SHIP: ("shipping_label", "LB"),
}


def documents_for(step: Step, shipment_id: UUID) -> dict[str, str]:
    """The documents a fulfilment step produces (pick list, packing slip, shipping label)."""
    if step not in DOCUMENTS:
        return {}
    name, prefix = DOCUMENTS[step]
    return {name: f"{prefix}-{shipment_id.hex[:10].upper()}"}
