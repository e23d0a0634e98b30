"""Returns as the order sees them: delivered units promised back, or a return withdrawn."""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotAllowed
from domain.kits import carried, kits_in
from domain.order_values import Quantities
from domain.values import ShipmentStatus

if TYPE_CHECKING:
    from domain.order import Order
    from domain.order_state import OrderState


class ReturnRecorded(Aggregate.Event):
    TOPIC = "oms:Order.ReturnRecorded"
    return_id: UUID
    lines: Quantities

    def apply(self, order: OrderState) -> None:
        order.returns[str(self.return_id)] = dict(self.lines)
        for sku, qty in self.lines.items():
            order.lines[sku].returned += qty


class ReturnWithdrawn(Aggregate.Event):
    TOPIC = "oms:Order.ReturnWithdrawn"
    return_id: UUID

    def apply(self, order: OrderState) -> None:
        for sku, qty in order.returns.pop(str(self.return_id)).items():
            order.lines[sku].returned -= qty


def returnable(order: Order, sku: str) -> int:
    """Units of the line delivered and not yet promised back (kits for a kit line)."""
    line = order.lines.get(sku)
    if line is None:
        return 0
    delivered = kits_in(line, carried(order, frozenset({ShipmentStatus.DELIVERED})))
    return delivered - line.returned


def record_return(order: Order, return_id: UUID, lines: Quantities) -> None:
    for sku, qty in lines.items():
        if qty <= 0:
            raise InvalidRequest(f"return quantity of {sku} must be positive")
        if qty > order.returnable(sku):
            raise NotAllowed(
                f"cannot return {qty} of {sku}: {order.returnable(sku)} delivered and "
                "not yet returned"
            )
    order.trigger_event(order.ReturnRecorded, return_id=return_id, lines=dict(lines))


def withdraw_return(order: Order, return_id: UUID) -> None:
    if str(return_id) in order.returns:
        order.trigger_event(order.ReturnWithdrawn, return_id=return_id)
