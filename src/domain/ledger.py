"""What a customer owes on an order: invoices, money received, credit memos, write-offs.

The Order aggregate holds these attributes itself; `Ledger` is the same state on its own,
for the views that follow the money without the rest of the order (the in-process
accounts index, the receivables read model). The order's events apply to either.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Protocol

ZERO = Decimal(0)


@dataclass(frozen=True)
class Invoice:
    number: str
    amount: Decimal
    issued_on: date
    due_on: date


class Money(Protocol):
    """The money attributes of an order (`Order` and `Ledger` both have them)."""

    invoiced: Decimal
    paid: Decimal  # received (payments and captures) less refunds paid back
    refunded: Decimal  # credit memos
    written_off: Decimal
    invoices: dict[str, Invoice]
    write_offs: dict[str, Decimal]


class LedgerState(Money, Protocol):
    """What the order's money events write (`LEDGER_EVENTS` in `domain.order`). `Order`,
    the order tracking view and `Ledger` all hold it, so the same handlers fold each."""

    captured: Decimal  # of `paid`, what was captured from the payment authorisation
    payment_refs: set[str]


@dataclass
class Ledger:
    invoiced: Decimal = ZERO
    paid: Decimal = ZERO
    refunded: Decimal = ZERO
    written_off: Decimal = ZERO
    captured: Decimal = ZERO
    invoices: dict[str, Invoice] = field(default_factory=dict)
    write_offs: dict[str, Decimal] = field(default_factory=dict)
    payment_refs: set[str] = field(default_factory=set)


def balance(money: Money) -> Decimal:
    """Invoiced less paid, credited and written off (negative: the customer is in credit)."""
    return money.invoiced - money.paid - money.refunded - money.written_off


def open_amounts(money: Money) -> dict[str, Decimal]:
    """What is still open on each invoice: money and credit settle the oldest first.

    A written-off invoice was written off for what was open then, so it takes no more.
    """
    settled = money.paid + money.refunded
    found = {}
    for number, invoice in money.invoices.items():
        capacity = invoice.amount - money.write_offs.get(number, ZERO)
        take = max(ZERO, min(capacity, settled))
        settled -= take
        found[number] = capacity - take
    return found


def overdue(money: Money, today: date) -> tuple[Decimal, int]:
    """The open amount past its due date, and on how many invoices."""
    amounts = [
        amount
        for number, amount in open_amounts(money).items()
        if amount > 0 and money.invoices[number].due_on < today
    ]
    return sum(amounts, ZERO), len(amounts)


# Ageing buckets by days past due (an invoice not yet due is in the first).
BUCKETS: tuple[tuple[str, int, int | None], ...] = (
    ("0-30", 0, 30),
    ("31-60", 31, 60),
    ("61-90", 61, 90),
    ("90+", 91, None),
)


def days_overdue(invoice: Invoice, today: date) -> int:
    return max(0, (today - invoice.due_on).days)


def bucket(days: int) -> str:
    for name, _low, high in BUCKETS:
        if high is None or days <= high:
            return name
    raise AssertionError("the last bucket is open-ended")
