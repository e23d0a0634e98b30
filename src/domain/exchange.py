"""An exchange: replacements for returned goods, sent as an order of their own."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from uuid import UUID

from domain.order import Order
from domain.order_values import LineItem


def replacement_order(order_id: UUID, original: Order, lines: Sequence[tuple[str, int]]) -> Order:
    """The replacements (SKU, quantity) as a new order at no charge, to the original
    order's customer and delivery through its channel; it is sourced like any other."""
    return Order.place(
        order_id,
        original.channel,
        original.customer,
        original.delivery,
        [LineItem(sku, qty, Decimal(0)) for sku, qty in lines],
        external_ref=None,
    )
