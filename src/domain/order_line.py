"""One line of an order: what was ordered, and what became of it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from domain.errors import InvalidRequest


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


def order_total(lines: Iterable[OrderLine]) -> Decimal:
    """What the goods still ordered cost: each line's price times its quantity less what
    was cancelled."""
    return sum((ln.amount(ln.effective) for ln in lines), Decimal(0))


def check_new_lines(lines: list[dict[str, Any]]) -> None:
    """Refuse lines an order cannot hold: none, a SKU twice, nothing ordered, a negative price."""
    if not lines:
        raise InvalidRequest("an order needs at least one line")
    skus = [ln["sku"] for ln in lines]
    if len(set(skus)) != len(skus):
        raise InvalidRequest("each SKU may appear on one line only")
    for ln in lines:
        if ln["quantity"] <= 0:
            raise InvalidRequest(f"quantity of {ln['sku']} must be positive")
        if Decimal(ln["unit_price"]) < 0:
            raise InvalidRequest(f"unit price of {ln['sku']} cannot be negative")
