"""TRANSFER shipments: goods sent from another node to the pickup store of a BOPIS order.

A pickup store without the stock is served by a transfer: a shipment created by an
allocation like any other (with `transfer_to` set on its `NewShipment`), picked, packed and
shipped at its node without an invoice (the goods go to the store, not to the customer).
Once shipped it waits for each SKU to be received at the store (`awaiting`, as a preorder
waits for its supply): each SKU's arrival is one `PreorderArrived`, and when none is left
the shipment arrives (`Step.ARRIVE`): it is then the store's, ready for pickup, and is
collected (and invoiced) there. Until it arrives, the stock held for it is held at the
store (`Shipment.held_at`), and a cancellation takes it back from there.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from domain.errors import NotAllowed
from domain.order_fulfilment import advance
from domain.shipment import Shipment, Step
from domain.values import ShipmentStatus

if TYPE_CHECKING:
    from domain.order import Order


@dataclass(frozen=True)
class Transfers:
    """Shipments to send from other nodes (by node) to the pickup store `to_node`."""

    shipments: Mapping[str, Mapping[str, int]]
    to_node: str


def transfer_arrived(order: Order, shipment_id: UUID, sku: str) -> bool:
    """Record that the store received `sku` of a TRANSFER shipment on its way there (its
    units are held for the order); when nothing else is awaited, the shipment arrives and
    is ready for pickup. Whether `sku` was awaited (False: nothing recorded)."""
    shipment = order.shipment(shipment_id)
    if not shipment.in_transfer or shipment.status is not ShipmentStatus.SHIPPED:
        raise NotAllowed(f"shipment {shipment_id} is not on its way to a pickup store")
    if sku not in shipment.waits_for:
        return False
    order.trigger_event(
        order.PreorderArrived, shipment_id=shipment_id, node_code=shipment.transfer_to, sku=sku
    )
    arrive_if_complete(order, shipment)
    return True


def arrive_if_complete(order: Order, shipment: Shipment) -> None:
    """A TRANSFER shipment on its way whose every SKU it still carries is at the store
    (received, or the rest cancelled) arrives: it is ready for pickup there."""
    on_its_way = shipment.in_transfer and shipment.status is ShipmentStatus.SHIPPED
    if on_its_way and shipment.lines and not shipment.waits_for:
        advance(order, shipment, Step.ARRIVE)
