"""Fulfilment steps on a shipment; when goods leave, the invoice and the capture."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotAllowed
from domain.kits import worth
from domain.ledger import Invoice, LedgerState
from domain.order_values import Quantities
from domain.shipment import GONE, Shipment, Step, documents_for
from domain.values import DeliveryMethod, ShipmentStatus

if TYPE_CHECKING:
    from domain.order import Order
    from domain.order_state import OrderState

PICKUP_STEPS = frozenset({Step.READY_FOR_PICKUP, Step.COLLECT})


class ShipmentStepped(Aggregate.Event):
    """A fulfilment step on one shipment; `step` is a `Step`'s value, `documents` it produced."""

    TOPIC = "oms:Order.ShipmentStepped"
    shipment_id: UUID
    step: str
    status: str
    node_code: str
    lines: Quantities
    documents: dict[str, str]
    carrier: str | None
    tracking_number: str | None
    reason: str | None

    def apply(self, order: OrderState) -> None:
        shipment = order.shipments[str(self.shipment_id)]
        shipment.status = ShipmentStatus(self.status)
        shipment.node_code = self.node_code  # a transfer that arrived: its pickup store's
        if self.step == Step.SHIP and shipment.transfer_to:
            shipment.awaiting = tuple(shipment.lines)  # each SKU, until the store has it
        shipment.documents.update(self.documents)
        if self.carrier is not None:
            shipment.carrier = self.carrier
            shipment.tracking_number = self.tracking_number


class InvoiceIssued(Aggregate.Event):
    """An invoice for a shipment that left, due `payment_terms_days` after its issue."""

    TOPIC = "oms:Order.InvoiceIssued"
    class_version = 2
    invoice_number: str
    shipment_id: UUID
    amount: Decimal
    payment_terms_days: int

    @staticmethod
    def upcast_v1_v2(state: dict[str, object]) -> None:
        state["payment_terms_days"] = 0

    def apply(self, order: LedgerState) -> None:
        order.invoiced += Decimal(self.amount)
        issued = self.timestamp.date()
        due = issued + timedelta(days=self.payment_terms_days)
        order.invoices[self.invoice_number] = Invoice(
            self.invoice_number, Decimal(self.amount), issued, due
        )


class PaymentCaptured(Aggregate.Event):
    """Authorised money taken for an invoice when its shipment left."""

    TOPIC = "oms:Order.PaymentCaptured"
    invoice_number: str
    amount: Decimal
    method: str

    def apply(self, order: LedgerState) -> None:
        order.paid += Decimal(self.amount)
        order.captured += Decimal(self.amount)


def step(
    order: Order,
    shipment_id: UUID,
    step: Step,
    *,
    carrier: str | None = None,
    tracking_number: str | None = None,
    reason: str | None = None,
    payment_terms_days: int = 0,
) -> Shipment:
    """Move a shipment one fulfilment step on; returns the shipment as it now stands.

    When the goods leave, the shipment is invoiced (due after the payment terms) and
    what is still authorised is captured for it, up to the invoice's amount.
    """
    shipment = order.shipment(shipment_id)
    if step == Step.ARRIVE:
        raise InvalidRequest("a transfer arrives when its pickup store receives it")
    shipment.check(step)
    if order.holds and step != Step.REJECT:
        raise NotAllowed(f"order {order.id} is on hold ({', '.join(sorted(order.holds))})")
    if step == Step.SHIP and order.method is DeliveryMethod.PICKUP and not shipment.in_transfer:
        raise NotAllowed("a pickup order is collected, not shipped")
    if step == Step.READY_FOR_PICKUP and shipment.in_transfer:
        raise NotAllowed(f"shipment {shipment_id} is ready when it reaches its pickup store")
    if step in PICKUP_STEPS and order.method is DeliveryMethod.SHIP:
        raise NotAllowed("only pickup orders are made ready for pickup or collected")
    if step == Step.SHIP:
        if not carrier:
            raise InvalidRequest("shipping needs a carrier")
        generated = f"{carrier[:3]}{shipment_id.hex[:12]}".upper()
        tracking_number = tracking_number or generated
    return advance(order, shipment, step, carrier, tracking_number, reason, payment_terms_days)


def advance(
    order: Order,
    shipment: Shipment,
    step: Step,
    carrier: str | None = None,
    tracking_number: str | None = None,
    reason: str | None = None,
    payment_terms_days: int = 0,
) -> Shipment:
    """Record a step the checks allowed: the shipment moves on, and an invoice is issued
    when the goods leave."""
    shipment_id = shipment.id
    target = shipment.check(step)
    to_store = shipment.in_transfer and step in (Step.SHIP, Step.ARRIVE)
    order.trigger_event(
        order.ShipmentStepped,
        shipment_id=shipment_id,
        step=str(step),
        status=str(target),
        node_code=shipment.transfer_to if step == Step.ARRIVE else shipment.node_code,
        lines=dict(shipment.lines),
        documents=documents_for(step, shipment_id),
        carrier=carrier if step == Step.SHIP else None,
        tracking_number=tracking_number if step == Step.SHIP else None,
        reason=reason,
    )
    if target in GONE and step != Step.DELIVER and not to_store:
        _invoice(order, shipment, payment_terms_days)
    return shipment


def _invoice(order: Order, shipment: Shipment, payment_terms_days: int) -> None:
    amount = worth(order.lines, shipment.lines)
    number = f"INV-{shipment.id.hex[:10]}"
    order.trigger_event(
        order.InvoiceIssued,
        invoice_number=number,
        shipment_id=shipment.id,
        amount=amount,
        payment_terms_days=payment_terms_days,
    )
    capture = min(amount, order.authorized - order.captured, order.owed)
    if capture > 0 and order.payment_method is not None:
        order.trigger_event(
            order.PaymentCaptured,
            invoice_number=number,
            amount=capture,
            method=order.payment_method,
        )
