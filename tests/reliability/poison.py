"""An event no read model can hold, saved past the edge (as a bug or an old release might)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from application.oms import OMS
from domain.order import Order
from domain.order_values import Address, CustomerDetails, Delivery, LineItem
from domain.values import Channel, DeliveryMethod


def save_unprojectable_order(oms: OMS) -> int:
    """Save an order whose customer name holds NUL; returns the log position."""
    order = Order.place(
        uuid.uuid4(),
        Channel.WEB,
        CustomerDetails("C1", "A\x00B", "a@example.com"),
        Delivery(DeliveryMethod.SHIP, Address("1 Main St", "X", "1", "US", lat=0.0, lon=0.0)),
        [LineItem("POISON", 1, Decimal("1.00"))],
    )
    recordings = oms.save(order)
    return int(recordings[-1].notification.id)
