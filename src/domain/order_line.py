"""One line of an order: what was ordered, and what became of it."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass
class OrderLine:
    sku: str
    quantity: int
    unit_price: Decimal
    cancelled: int = 0
    backordered: int = 0
    returned: int = 0

    @property
    def effective(self) -> int:
        """Ordered less cancelled: what the customer still expects."""
        return self.quantity - self.cancelled

    def amount(self, quantity: int) -> Decimal:
        return self.unit_price * quantity
