"""The order's status, derived from its lines, shipments and holds."""

from __future__ import annotations

from domain.order_state import OrderState
from domain.shipment import GONE, OPEN
from domain.values import OrderStatus, ShipmentStatus


def derive_status(order: OrderState) -> OrderStatus:
    if order.closed:
        return OrderStatus.CLOSED
    expected = sum(line.effective * line.units_per for line in order.lines.values())
    if expected == 0:
        return OrderStatus.CANCELLED
    if order.holds:
        return OrderStatus.ON_HOLD
    delivered = gone = 0
    live = ready = False
    for shipment in order.shipments.values():  # one pass: this runs for every order event
        status = shipment.status
        if status in GONE:
            carried = sum(shipment.lines.values())
            gone += carried
            delivered += carried if status == ShipmentStatus.DELIVERED else 0
            live = True
        elif status in OPEN:
            ready = ready or status == ShipmentStatus.READY_FOR_PICKUP
            live = True
    if delivered == expected:
        return OrderStatus.DELIVERED
    if gone == expected:
        return OrderStatus.SHIPPED
    if gone:
        return OrderStatus.PARTIALLY_SHIPPED
    if ready:
        return OrderStatus.READY_FOR_PICKUP
    if any(line.backordered for line in order.lines.values()):
        return OrderStatus.BACKORDERED
    if live:
        return OrderStatus.ALLOCATED
    return OrderStatus.PLACED
