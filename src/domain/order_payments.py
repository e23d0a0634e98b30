"""Money after invoicing: payments received, write-offs, and refunds for credit memos."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotAllowed, NotFound
from domain.ledger import LedgerState, open_amounts
from domain.order_guards import refuse_if_cancelled

if TYPE_CHECKING:
    from domain.order import Order


class PaymentRecorded(Aggregate.Event):
    TOPIC = "oms:Order.PaymentRecorded"
    amount: Decimal
    method: str
    reference: str

    def apply(self, order: LedgerState) -> None:
        order.paid += Decimal(self.amount)
        order.payment_refs.add(self.reference)


class PaymentRefunded(Aggregate.Event):
    """Money paid back after a credit memo left the customer paid beyond what they owe."""

    TOPIC = "oms:Order.PaymentRefunded"
    memo_number: str
    amount: Decimal

    def apply(self, order: LedgerState) -> None:
        order.paid -= Decimal(self.amount)


class InvoiceWrittenOff(Aggregate.Event):
    TOPIC = "oms:Order.InvoiceWrittenOff"
    invoice_number: str
    amount: Decimal
    reason: str

    def apply(self, order: LedgerState) -> None:
        order.written_off += Decimal(self.amount)
        order.write_offs[self.invoice_number] = Decimal(self.amount)


class CreditMemoIssued(Aggregate.Event):
    TOPIC = "oms:Order.CreditMemoIssued"
    memo_number: str
    return_id: UUID
    amount: Decimal

    def apply(self, order: LedgerState) -> None:
        order.refunded += Decimal(self.amount)


def record_payment(order: Order, amount: Decimal, method: str, reference: str) -> None:
    if amount <= 0:
        raise InvalidRequest("a payment must be positive")
    refuse_if_cancelled(order, "take a payment")
    if reference in order.payment_refs:
        raise NotAllowed(f"payment {reference} is already recorded")
    if amount > order.owed:
        raise NotAllowed(
            f"a payment of {amount} is more than the {max(Decimal(0), order.owed)} "
            f"still owed on order {order.id}"
        )
    order.trigger_event(order.PaymentRecorded, amount=amount, method=method, reference=reference)


def write_off(order: Order, invoice_number: str, reason: str) -> Decimal:
    """Write off what is still open on an invoice; returns the amount."""
    if invoice_number not in order.invoices:
        raise NotFound(f"order {order.id} has no invoice {invoice_number}")
    amount = open_amounts(order)[invoice_number]
    if amount <= 0:
        raise NotAllowed(f"invoice {invoice_number} has nothing left to write off")
    order.trigger_event(
        order.InvoiceWrittenOff, invoice_number=invoice_number, amount=amount, reason=reason
    )
    return amount


def issue_credit_memo(order: Order, return_id: UUID, amount: Decimal) -> None:
    """Credit a return's value; pay back what that leaves paid beyond what is owed."""
    if amount < 0 or amount > order.invoiced - order.refunded:
        raise NotAllowed(f"cannot refund {amount}: {order.invoiced - order.refunded} refundable")
    memo = f"CM-{return_id.hex[:10]}"
    order.trigger_event(
        order.CreditMemoIssued, memo_number=memo, return_id=return_id, amount=amount
    )
    refund = min(order.paid, -order.owed)
    if refund > 0:
        order.trigger_event(order.PaymentRefunded, memo_number=memo, amount=refund)
