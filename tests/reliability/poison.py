"""An event no read model can hold, saved past the edge (as a bug or an old release might)."""

from __future__ import annotations

import uuid
from decimal import Decimal

from application.oms import OMS
from domain.order import Order
from domain.values import Channel


def save_unprojectable_order(oms: OMS) -> int:
    """Save an order whose customer name holds NUL; returns the log position."""
    order = Order.place(
        uuid.uuid4(),
        Channel.WEB,
        {"id": "C1", "name": "A\x00B", "email": "a@example.com"},
        {
            "method": "SHIP",
            "address": {
                "line1": "1 Main St",
                "city": "X",
                "postal_code": "1",
                "country": "US",
                "lat": 0.0,
                "lon": 0.0,
            },
        },
        [{"sku": "POISON", "quantity": 1, "unit_price": str(Decimal("1.00"))}],
    )
    recordings = oms.save(order)
    return int(recordings[-1].notification.id)
