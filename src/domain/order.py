"""The customer order: its placement, its state, and where each of its concepts lives.

Each concept's events and commands have their own module (`order_allocation`, `_holds`,
`_changes`, `_fulfilment`, `_scans`, `_payments`, `_returns`), nested here: each event
as `Order.<Name>` (its topic pinned), each command as a method."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal
from typing import TypeAlias
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import (
    order_allocation,
    order_changes,
    order_fulfilment,
    order_holds,
    order_payments,
    order_preorders,
    order_returns,
    order_scans,
    order_upgrades,
    recording,
)
from domain.errors import InvalidRequest, NotAllowed, NotFound
from domain.kits import check_parts, unsourced
from domain.ledger import Invoice
from domain.order_guards import check_closable
from domain.order_line import check_new_lines, order_total, placed_line
from domain.order_state import OrderState
from domain.order_status import derive_status
from domain.order_values import CustomerDetails, Delivery, LineItem, Payment, Quantities
from domain.quick_init import quick_init
from domain.shipment import LIVE, Shipment
from domain.values import CHANNELS, Channel, DeliveryMethod, OrderStatus, ShipmentStatus


class Order(Aggregate):
    TOPIC = "oms:Order"
    class_version = 3

    upcast_v1_v2 = staticmethod(order_upgrades.snapshot_v1_v2)
    upcast_v2_v3 = staticmethod(order_upgrades.snapshot_v2_v3)

    class Event(Aggregate.Event):
        TOPIC = "oms:Order.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:Order.Created"

    class Placed(Created):
        """The order as placed. Version 2 holds typed values; version 1 plain objects."""

        TOPIC = "oms:Order.Placed"
        class_version = 2
        channel: str
        external_ref: str | None
        customer: CustomerDetails
        delivery: Delivery
        lines: Sequence[LineItem]
        requested_date: str | None
        payment: Payment | None

        upcast_v1_v2 = staticmethod(order_upgrades.placed_v1_v2)

        @property
        def data_subject(self) -> str:
            """Whose personal data the event holds."""
            return self.customer.id

    class Closed(Event):
        TOPIC = "oms:Order.Closed"

        def apply(self, order: OrderState) -> None:
            order.closed = True

    Allocated: TypeAlias = order_allocation.Allocated
    Cancelled: TypeAlias = order_allocation.Cancelled
    HoldPlaced: TypeAlias = order_holds.HoldPlaced
    HoldReleased: TypeAlias = order_holds.HoldReleased
    AddressChanged: TypeAlias = order_changes.AddressChanged
    AllocationsWithdrawn: TypeAlias = order_changes.AllocationsWithdrawn
    LineAdded: TypeAlias = order_changes.LineAdded
    LineIncreased: TypeAlias = order_changes.LineIncreased
    ShipmentStepped: TypeAlias = order_fulfilment.ShipmentStepped
    ShipmentScanned: TypeAlias = order_scans.ShipmentScanned
    PreorderArrived: TypeAlias = order_preorders.PreorderArrived
    InvoiceIssued: TypeAlias = order_fulfilment.InvoiceIssued
    PaymentCaptured: TypeAlias = order_fulfilment.PaymentCaptured
    PaymentRecorded: TypeAlias = order_payments.PaymentRecorded
    PaymentRefunded: TypeAlias = order_payments.PaymentRefunded
    InvoiceWrittenOff: TypeAlias = order_payments.InvoiceWrittenOff
    CreditMemoIssued: TypeAlias = order_payments.CreditMemoIssued
    ReturnRecorded: TypeAlias = order_returns.ReturnRecorded
    ReturnWithdrawn: TypeAlias = order_returns.ReturnWithdrawn

    def __init__(
        self,
        channel: str,
        external_ref: str | None,
        customer: CustomerDetails,
        delivery: Delivery,
        lines: Sequence[LineItem],
        requested_date: str | None,
        payment: Payment | None,
    ) -> None:
        self.channel = CHANNELS.get(channel) or Channel(channel)
        self.external_ref = external_ref
        self.customer = customer
        self.delivery = delivery
        self.lines = {ln.sku: placed_line(ln) for ln in lines}
        self.requested_date = date.fromisoformat(requested_date) if requested_date else None
        self.authorized = payment.authorized_amount if payment else Decimal(0)
        self.payment_method: str | None = payment.method if payment else None
        self.billing_country: str | None = payment.billing_country if payment else None
        self.shipments: dict[str, Shipment] = {}
        self.holds: dict[str, str] = {}
        self.returns: dict[str, Quantities] = {}
        self.payment_refs: set[str] = set()
        self.paid = self.invoiced = self.refunded = Decimal(0)
        self.captured = self.written_off = Decimal(0)
        self.invoices: dict[str, Invoice] = {}
        self.write_offs: dict[str, Decimal] = {}
        self.auto_holds: dict[str, str] = {}  # hold type -> the rule that placed it
        self.closed = False

    @classmethod
    def place(
        cls,
        order_id: UUID,
        channel: Channel,
        customer: CustomerDetails,
        delivery: Delivery,
        lines: Sequence[LineItem],
        *,
        external_ref: str | None = None,
        requested_date: date | None = None,
        payment: Payment | None = None,
    ) -> Order:
        check_new_lines(lines)
        check_parts(lines)
        if delivery.method is DeliveryMethod.PICKUP and not delivery.pickup_node:
            raise InvalidRequest("a pickup order needs a pickup_node")
        if delivery.method is DeliveryMethod.SHIP and not delivery.address:
            raise InvalidRequest("a shipped order needs an address")
        return recording.create(
            cls,
            cls.Placed,
            order_id,
            channel=str(channel),
            external_ref=external_ref,
            customer=customer,
            delivery=delivery,
            lines=tuple(lines),
            requested_date=requested_date.isoformat() if requested_date else None,
            payment=payment,
        )

    # Queries -------------------------------------------------------------------------

    @property
    def status(self) -> OrderStatus:
        return derive_status(self)

    @property
    def method(self) -> DeliveryMethod:
        return self.delivery.method

    @property
    def total(self) -> Decimal:
        return order_total(self.lines.values())

    @property
    def owed(self) -> Decimal:
        """What the customer still has to pay: the goods (or what was invoiced, if more)
        less what was paid, credited and written off. Negative: paid too much."""
        due = max(self.total, self.invoiced) - self.refunded - self.written_off
        return due - self.paid

    @property
    def uninvoiced(self) -> Decimal:
        """The value of the order not invoiced yet: what it will add to the balance."""
        return max(Decimal(0), self.total - self.invoiced)

    def in_shipments(self, sku: str, statuses: frozenset[ShipmentStatus] = LIVE) -> int:
        return sum(s.quantity(sku) for s in self.shipments.values() if s.status in statuses)

    def to_source(self) -> Quantities:
        """Quantities no live shipment covers: what sourcing must place (or backorder),
        by the SKUs shipments carry (a kit line's components)."""
        return unsourced(self)

    def shipment(self, shipment_id: UUID) -> Shipment:
        try:
            return self.shipments[str(shipment_id)]
        except KeyError:
            raise NotFound(f"order {self.id} has no shipment {shipment_id}") from None

    def ensure_open(self) -> None:
        if self.closed:
            raise NotAllowed(f"order {self.id} is closed")

    # Commands (each in its concept's module) -----------------------------------------

    trigger_event = recording.trigger_event  # a placement records several events
    allocate = order_allocation.allocate
    rejected_nodes = order_allocation.rejected_nodes
    cancel = order_allocation.cancel
    place_hold = order_holds.place_hold
    release_hold = order_holds.release_hold
    judge = order_holds.judge
    change_address = order_changes.change_address
    add_line = order_changes.add_line
    change_quantity = order_changes.change_quantity
    step = order_fulfilment.step
    record_scan = order_scans.record_scan
    preorder_arrived = order_preorders.preorder_arrived
    record_payment = order_payments.record_payment
    write_off = order_payments.write_off
    issue_credit_memo = order_payments.issue_credit_memo
    returnable = order_returns.returnable
    record_return = order_returns.record_return
    withdraw_return = order_returns.withdraw_return

    def close(self, open_returns: Collection[str] = ()) -> None:
        """Close a finished order (see `check_closable`); `open_returns`: its returns not yet
        closed or cancelled."""
        self.ensure_open()
        check_closable(self, open_returns)
        self.trigger_event(self.Closed)


# Every placement records these (see domain.quick_init); the class body's Allocated is
# the library's subclass of order_allocation's, with an __init__ of its own.
quick_init(Order.Placed)
quick_init(Order.Allocated)

# The order's events that change what the customer owes (see `domain.ledger`).
LEDGER_EVENTS = (
    Order.InvoiceIssued,
    Order.PaymentRecorded,
    Order.PaymentCaptured,
    Order.PaymentRefunded,
    Order.CreditMemoIssued,
    Order.InvoiceWrittenOff,
)
