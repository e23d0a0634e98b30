"""The order's status, derived from its lines, shipments and holds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from domain.shipment import GONE, LIVE
from domain.values import OrderStatus, ShipmentStatus

if TYPE_CHECKING:
    from domain.order import Order


def derive_status(order: Order) -> OrderStatus:
    if order.closed:
        return OrderStatus.CLOSED
    expected = sum(line.effective for line in order.lines.values())
    if expected == 0:
        return OrderStatus.CANCELLED
    if order.holds:
        return OrderStatus.ON_HOLD
    live = [s for s in order.shipments.values() if s.status in LIVE]
    delivered = sum(sum(s.lines.values()) for s in live if s.status == ShipmentStatus.DELIVERED)
    gone = sum(sum(s.lines.values()) for s in live if s.status in GONE)
    if delivered == expected:
        return OrderStatus.DELIVERED
    if gone == expected:
        return OrderStatus.SHIPPED
    if gone:
        return OrderStatus.PARTIALLY_SHIPPED
    if any(s.status == ShipmentStatus.READY_FOR_PICKUP for s in live):
        return OrderStatus.READY_FOR_PICKUP
    if any(line.backordered for line in order.lines.values()):
        return OrderStatus.BACKORDERED
    if live:
        return OrderStatus.ALLOCATED
    return OrderStatus.PLACED
