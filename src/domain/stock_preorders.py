"""Preorders on a node's stock: units of its supply in transit held for order shipments.

A TRANSFER shipment on its way to its pickup store holds the store's supply in transit the
same way (see `domain.order_transfers`), so no preorder takes it.

Where the rules allow `preorder_in_transit`, what stock on hand cannot fill may be placed
on supply in transit to a node (expected receipts and transfers) that no preorder holds
yet (`incoming`). The record keeps only the total held (`preordered`); each event names
its shipment, and the order's shipment knows what it holds. Once the supply has arrived,
what preorders hold beyond what is still in transit stays out of `available` until each
preorder is filled: its units are then reserved on hand, and its shipment may be picked.
The events are nested in `NodeStock` (see `domain.node_stock`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eventsourcing.domain import Aggregate

from domain.errors import NotAllowed, OutOfStock
from domain.stock_levels import Levels, incoming, require_positive

if TYPE_CHECKING:
    from domain.node_stock import NodeStock


class PreorderReserved(Aggregate.Event):
    """Units of the supply in transit held for a shipment (`reference`)."""

    TOPIC = "oms:NodeStock.PreorderReserved"
    reference: str
    quantity: int

    def move(self, levels: Levels) -> None:
        levels.preordered += self.quantity

    def apply(self, stock: NodeStock) -> None:
        self.move(stock)


class PreorderFilled(Aggregate.Event):
    """The supply arrived: the preorder's units are reserved on hand for its shipment."""

    TOPIC = "oms:NodeStock.PreorderFilled"
    reference: str
    quantity: int

    def move(self, levels: Levels) -> None:
        levels.preordered -= self.quantity
        levels.reserved += self.quantity

    def apply(self, stock: NodeStock) -> None:
        self.move(stock)


class PreorderReleased(Aggregate.Event):
    """Units no longer held for a preorder (its order was cancelled or changed)."""

    TOPIC = "oms:NodeStock.PreorderReleased"
    reference: str
    quantity: int

    def move(self, levels: Levels) -> None:
        levels.preordered -= self.quantity

    def apply(self, stock: NodeStock) -> None:
        self.move(stock)


def hold(stock: NodeStock, reference: str, quantity: int) -> None:
    """Hold `quantity` of the supply in transit that no preorder holds yet."""
    require_positive(quantity)
    if quantity > incoming(stock):
        raise OutOfStock(
            f"{stock.sku} at {stock.node_code}: {quantity} preordered, "
            f"{incoming(stock)} in transit and not yet preordered"
        )
    stock.trigger_event(stock.PreorderReserved, reference=reference, quantity=quantity)


def fillable(stock: NodeStock, *, own: bool = False) -> int:
    """Units preorders may have reserved on hand now: what is on hand and not reserved
    (nor safety stock, unless the goods came for the shipment itself: `own`), up to what
    they hold."""
    kept = 0 if own else stock.safety_stock
    return max(0, min(stock.on_hand - stock.reserved - kept, stock.preordered))


def fill(stock: NodeStock, reference: str, quantity: int, *, own: bool = False) -> None:
    """Reserve on hand what a preorder held in transit, once it has arrived (`own`: a
    transfer sent for this shipment, which safety stock does not hold back)."""
    require_positive(quantity)
    if quantity > fillable(stock, own=own):
        raise NotAllowed(f"{stock.sku} at {stock.node_code}: preorder {reference} not arrived")
    stock.trigger_event(stock.PreorderFilled, reference=reference, quantity=quantity)


def let_go(stock: NodeStock, reference: str, quantity: int) -> None:
    """Stop holding supply for a preorder (cancelled, rejected or withdrawn)."""
    require_positive(quantity)
    if quantity > stock.preordered:
        raise NotAllowed(f"{stock.sku} at {stock.node_code}: {reference} holds less")
    stock.trigger_event(stock.PreorderReleased, reference=reference, quantity=quantity)
