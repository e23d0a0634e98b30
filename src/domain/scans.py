"""Carrier scans: what a carrier reports about a shipment on its way to the customer."""

from __future__ import annotations

from enum import StrEnum

from domain.errors import NotAllowed
from domain.shipment import Shipment
from domain.values import ShipmentStatus


class ScanCode(StrEnum):
    IN_TRANSIT = "IN_TRANSIT"
    OUT_FOR_DELIVERY = "OUT_FOR_DELIVERY"
    DELIVERED = "DELIVERED"
    EXCEPTION = "EXCEPTION"


def check_scannable(shipment: Shipment) -> None:
    """A carrier scans only what it carries: a shipment handed over and not yet delivered."""
    if shipment.status is not ShipmentStatus.SHIPPED:
        raise NotAllowed(
            f"shipment {shipment.id} is {shipment.status}: only a shipped shipment is scanned"
        )
