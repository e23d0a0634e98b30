"""Carrier scans of an order's shipments: what the carrier reports on the way to the customer."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import NotAllowed
from domain.order_fulfilment import advance
from domain.scans import ScanCode, check_scannable
from domain.shipment import Shipment, Step

if TYPE_CHECKING:
    from domain.order import Order


class ShipmentScanned(Aggregate.Event):
    """A carrier scanned a shipped shipment (`at`: when, by the carrier's clock)."""

    TOPIC = "oms:Order.ShipmentScanned"
    shipment_id: UUID
    code: str
    at: datetime
    location: str | None


def record_scan(
    order: Order, shipment_id: UUID, code: ScanCode, at: datetime, location: str | None
) -> Shipment:
    """Record a carrier scan of a shipped shipment; a DELIVERED scan delivers it (a fact
    reported by the carrier, so a hold does not stop it)."""
    shipment = order.shipment(shipment_id)
    check_scannable(shipment)
    if code is ScanCode.DELIVERED and shipment.in_transfer:
        raise NotAllowed(
            f"shipment {shipment_id} is a transfer to pickup store {shipment.transfer_to}: "
            "the store receives it, the customer collects it there"
        )
    order.trigger_event(
        order.ShipmentScanned, shipment_id=shipment_id, code=str(code), at=at, location=location
    )
    if code is ScanCode.DELIVERED:
        advance(order, shipment, Step.DELIVER)
    return shipment
