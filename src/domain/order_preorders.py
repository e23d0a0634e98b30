"""Preorders on an order: shipments placed on supply still in transit to their node.

Such a shipment is created by an allocation like any other (with `preorder` set on its
`NewShipment`), holds the supply on the node's stock record rather than stock on hand,
and waits (it cannot be picked) until every SKU it carries has arrived and been reserved
for it: each SKU's arrival is one `PreorderArrived`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

if TYPE_CHECKING:
    from domain.order import Order
    from domain.order_state import OrderState


@dataclass(frozen=True)
class Preorders:
    """Shipments to place on supply in transit, by node, and the date each node expects
    that supply (None when only transfers bring it); `on_hand`: the SKUs of a node's
    shipment reserved on hand at once (a ship-together kit's components it holds)."""

    shipments: Mapping[str, Mapping[str, int]]
    promised: Mapping[str, str | None]
    on_hand: Mapping[str, frozenset[str]] = field(default_factory=dict)

    def shipment(self, node: str) -> dict[str, Any]:
        """What the node's preorder shipment's `NewShipment` says beside its lines."""
        held = tuple(sorted(self.on_hand.get(node, ())))
        return {"preorder": True, "promised_date": self.promised.get(node), "on_hand": held}


class PreorderArrived(Aggregate.Event):
    """The supply a preorder shipment waited for arrived for one SKU and is reserved."""

    TOPIC = "oms:Order.PreorderArrived"
    shipment_id: UUID
    node_code: str
    sku: str

    def apply(self, order: OrderState) -> None:
        shipment = order.shipments[str(self.shipment_id)]
        shipment.awaiting = tuple(sku for sku in shipment.awaiting if sku != self.sku)


def preorder_arrived(order: Order, shipment_id: UUID, sku: str) -> None:
    """Record that `sku`'s supply arrived for a preorder shipment waiting for it."""
    shipment = order.shipment(shipment_id)
    if sku in shipment.awaiting:
        order.trigger_event(
            order.PreorderArrived, shipment_id=shipment_id, node_code=shipment.node_code, sku=sku
        )
