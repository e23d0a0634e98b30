"""What a customer's open orders will still add to their balance once invoiced. Pure.

The credit rule weighs an order against the customer's balance (what was invoiced and not
settled) plus the value of their other open orders not invoiced yet: without the latter,
a customer could place any number of orders each under the limit. `OpenValue` follows
one order's events for what that value depends on: its lines (price, ordered, cancelled)
and whether it closed; the invoiced part comes from the order's ledger.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from domain.order import Order
from domain.order_line import OrderLine, order_total, placed_line
from domain.order_values import LineItem

ZERO = Decimal(0)
# The events, beyond the placement, that change what an order is worth or end it.
EXPOSURE_EVENTS = (Order.LineAdded, Order.LineIncreased, Order.Cancelled, Order.Closed)


def uninvoiced(total: Decimal, invoiced: Decimal, *, closed: bool) -> Decimal:
    """What an order will still add to the balance: nothing once closed."""
    return ZERO if closed else max(ZERO, total - invoiced)


@dataclass
class OpenValue:
    lines: dict[str, OrderLine] = field(default_factory=dict)
    closed: bool = False

    @classmethod
    def placed(cls, lines: Iterable[LineItem]) -> OpenValue:
        return cls({line.sku: placed_line(line) for line in lines})

    def learn(self, event: object) -> None:
        if isinstance(event, Order.LineAdded):
            self.lines[event.sku] = OrderLine(event.sku, event.quantity, Decimal(event.unit_price))
        elif isinstance(event, Order.LineIncreased):
            self.lines[event.sku].quantity += event.quantity
        elif isinstance(event, Order.Cancelled):
            for sku, quantity in event.lines.items():
                self.lines[sku].cancelled += quantity
        elif isinstance(event, Order.Closed):
            self.closed = True

    def uninvoiced(self, invoiced: Decimal) -> Decimal:
        return uninvoiced(order_total(self.lines.values()), invoiced, closed=self.closed)


def open_value(order: Order) -> Decimal:
    """What an order held in memory (changed by a command, not saved yet) will still add."""
    return uninvoiced(order.total, order.invoiced, closed=order.closed)
