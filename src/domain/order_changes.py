"""Changes after placement: a new delivery address, a line added, a quantity changed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotAllowed, NotFound
from domain.kits import owners
from domain.order_guards import refuse_if_cancelled
from domain.order_line import OrderLine, check_new_lines
from domain.order_values import Address, LineItem, value_of
from domain.shipment import NewShipment, Reduction
from domain.values import DeliveryMethod, ShipmentStatus

if TYPE_CHECKING:
    from domain.order import Order
    from domain.order_state import OrderState

# Shipment statuses from which the delivery address may still change.
UNPICKED = (ShipmentStatus.ALLOCATED, ShipmentStatus.CANCELLED, ShipmentStatus.REJECTED)


class AddressChanged(Aggregate.Event):
    """A new delivery address, personal data of `customer_id`.

    Version 1 held a plain object and version 2 an `Address`, both without the customer.
    """

    TOPIC = "oms:Order.AddressChanged"
    class_version = 3
    address: Address
    customer_id: str | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["address"] = value_of(Address, state["address"])

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state["customer_id"] = None

    @property
    def data_subject(self) -> str | None:
        return self.customer_id

    def apply(self, order: OrderState) -> None:
        order.delivery = replace(order.delivery, address=self.address)


class AllocationsWithdrawn(Aggregate.Event):
    """Shipments not yet picked were let go, to be sourced again (an address change).

    Version 2 shipments are `NewShipment` values; version 1 ones were plain objects.
    """

    TOPIC = "oms:Order.AllocationsWithdrawn"
    class_version = 2
    reason: str
    shipments: Sequence[NewShipment]

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["shipments"] = tuple(value_of(NewShipment, s) for s in state["shipments"])

    def apply(self, order: OrderState) -> None:
        for s in self.shipments:
            order.shipments[str(s.shipment_id)].status = ShipmentStatus.CANCELLED


class LineAdded(Aggregate.Event):
    TOPIC = "oms:Order.LineAdded"
    sku: str
    quantity: int
    unit_price: Decimal

    def apply(self, order: OrderState) -> None:
        order.lines[self.sku] = OrderLine(self.sku, self.quantity, Decimal(self.unit_price))


class LineIncreased(Aggregate.Event):
    TOPIC = "oms:Order.LineIncreased"
    sku: str
    quantity: int

    def apply(self, order: OrderState) -> None:
        order.lines[self.sku].quantity += self.quantity


def change_address(order: Order, address: Address) -> list[Reduction]:
    """Change where a shipped order goes, before any shipment is picked.

    Shipments still only allocated are withdrawn so that sourcing can choose again for
    the new address; returns their reductions, whose reservations the caller releases.
    """
    order.ensure_open()
    refuse_if_cancelled(order, "change the address")
    if order.method is not DeliveryMethod.SHIP:
        raise NotAllowed("a pickup order has no delivery address")
    if any(s.status not in UNPICKED for s in order.shipments.values()):
        raise NotAllowed(f"order {order.id}: a shipment is already picked")
    order.trigger_event(order.AddressChanged, address=address, customer_id=order.customer.id)
    withdrawn = [s for s in order.shipments.values() if s.status is ShipmentStatus.ALLOCATED]
    if not withdrawn:
        return []
    order.trigger_event(
        order.AllocationsWithdrawn,
        reason="address changed",
        shipments=tuple(NewShipment(s.id, s.node_code, dict(s.lines)) for s in withdrawn),
    )
    return [
        Reduction(s.id, s.node_code, sku, qty) for s in withdrawn for sku, qty in s.lines.items()
    ]


def add_line(order: Order, sku: str, quantity: int, unit_price: Decimal) -> None:
    order.ensure_open()
    refuse_if_cancelled(order, "add a line")
    if sku in order.lines:
        raise NotAllowed(f"order {order.id} already has a line for {sku}; change it instead")
    check_new_lines([LineItem(sku, quantity, unit_price)])
    if sku in owners(order.lines.values()):
        raise InvalidRequest(f"{sku} is part of a kit on order {order.id}")
    order.trigger_event(order.LineAdded, sku=sku, quantity=quantity, unit_price=unit_price)


def change_quantity(order: Order, sku: str, quantity: int) -> list[Reduction]:
    """Set a line's quantity; a decrease cancels, an increase adds to what is sourced."""
    line = order.lines.get(sku)
    if line is None:
        raise NotFound(f"order {order.id} has no line for {sku}")
    if quantity < 0:
        raise InvalidRequest("quantity cannot be negative")
    refuse_if_cancelled(order, "change a line")
    if quantity < line.effective:
        return order.cancel("quantity changed", {sku: line.effective - quantity})
    if quantity > line.effective:
        order.ensure_open()
        order.trigger_event(order.LineIncreased, sku=sku, quantity=quantity - line.effective)
    return []
