"""One line of an order: what was ordered, and what became of it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from domain.errors import InvalidRequest

if TYPE_CHECKING:
    from domain.order_values import LineItem


@dataclass
class OrderLine:
    sku: str
    quantity: int
    unit_price: Decimal
    cancelled: int = 0
    backordered: int = 0
    returned: int = 0
    components: dict[str, int] = field(default_factory=dict)  # a kit line: {sku: per kit}
    ship_together: bool = False

    @property
    def parts(self) -> dict[str, int]:
        """Units of each SKU that shipments carry for one unit of this line."""
        return self.components or {self.sku: 1}

    @property
    def units_per(self) -> int:
        """Units shipments carry for one unit of this line (1 for a plain line)."""
        return sum(self.components.values()) if self.components else 1

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


def check_new_lines(lines: Sequence[LineItem]) -> None:
    """Refuse lines an order cannot hold: none, a SKU twice, nothing ordered, a negative price."""
    if not lines:
        raise InvalidRequest("an order needs at least one line")
    skus = [ln.sku for ln in lines]
    if len(set(skus)) != len(skus):
        raise InvalidRequest("each SKU may appear on one line only")
    for ln in lines:
        if ln.quantity <= 0:
            raise InvalidRequest(f"quantity of {ln.sku} must be positive")
        if ln.unit_price < 0:
            raise InvalidRequest(f"unit price of {ln.sku} cannot be negative")


def placed_line(line: LineItem) -> OrderLine:
    """A line as the placement event holds it (a kit line with its components)."""
    return OrderLine(
        line.sku,
        line.quantity,
        line.unit_price,
        components=dict(line.components),
        ship_together=line.ship_together,
    )
