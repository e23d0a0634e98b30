"""Customers' accounts as the hold rules see them, kept current from the event log.

Per customer: when each of their orders was placed, what each order owes (a `Ledger`
folded by the order's own event handlers) and what it will add once invoiced (an
`OpenValue`), which orders a rule holds, and which order each invoice belongs to. Like
the network index it follows the log (log_follower.py), so a rule judges the balance as
of the last committed event, plus the orders the writer's batch changed so far
(`controls.unsaved_orders`); two writer processes placing orders for one customer at the
same instant can both pass a limit only one of them fits (a soft limit, like daily
capacity).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from threading import Lock
from uuid import UUID

from domain.customer import Customer
from domain.exposure import EXPOSURE_EVENTS, OpenValue, open_value
from domain.hold_policy import HoldPolicy
from domain.ledger import Ledger, Money, balance, overdue
from domain.order import LEDGER_EVENTS, Order

HOUR = timedelta(hours=1)


class AccountsIndex:
    """Also which customers have an account and whether the hold rules were ever replaced,
    so a command for a customer without one loads nothing it would not find."""

    TOPICS = frozenset(
        {Order.Placed.TOPIC, Order.HoldPlaced.TOPIC, Order.HoldReleased.TOPIC}
        | {Customer.Registered.TOPIC, HoldPolicy.Adopted.TOPIC}
        | {event.TOPIC for event in (*LEDGER_EVENTS, *EXPOSURE_EVENTS)}
    )

    def __init__(self) -> None:
        self._lock = Lock()
        self._customer_of: dict[UUID, str] = {}
        self._placed: dict[str, dict[UUID, datetime]] = defaultdict(dict)
        self._ledgers: dict[UUID, Ledger] = {}
        self._open: dict[UUID, OpenValue] = {}
        self._rule_holds: dict[UUID, set[str]] = defaultdict(set)
        self._invoices: dict[str, UUID] = {}
        self._accounts: set[str] = set()
        self.policy_adopted = False

    def learn(self, event: object) -> None:
        with self._lock:
            self._learn(event)

    def _learn(self, event: object) -> None:
        if isinstance(event, Customer.Registered):
            self._accounts.add(event.customer_id)
        elif isinstance(event, HoldPolicy.Adopted):
            self.policy_adopted = True
        if not isinstance(event, Order.Event):
            return
        oid = event.originator_id
        if isinstance(event, Order.Placed):
            customer = event.customer.id
            self._customer_of[oid] = customer
            self._placed[customer][oid] = event.timestamp
            self._open[oid] = OpenValue.placed(event.lines)
        elif isinstance(event, EXPOSURE_EVENTS):
            if oid in self._open:
                self._open[oid].learn(event)
        elif isinstance(event, Order.HoldPlaced):
            if event.rule is not None:
                self._rule_holds[oid].add(event.hold_type)
        elif isinstance(event, Order.HoldReleased):
            self._rule_holds[oid].discard(event.hold_type)
        elif isinstance(event, LEDGER_EVENTS):
            if isinstance(event, Order.InvoiceIssued):
                self._invoices[event.invoice_number] = oid
            event.apply(self._ledgers.setdefault(oid, Ledger()))

    def position(
        self, customer_id: str, today: date, pending: Mapping[UUID, Money] | None = None
    ) -> tuple[Decimal, Decimal, int]:
        """The customer's balance, overdue amount and overdue invoices.

        `pending` holds orders changed by the command running now (not saved yet): their
        state counts instead of what the log says.
        """
        with self._lock:
            orders = set(self._placed.get(customer_id, {}))
            ledgers: dict[UUID, Money] = {o: self._ledgers[o] for o in orders & set(self._ledgers)}
        for oid, money in (pending or {}).items():
            if self.customer_of(oid) in (None, customer_id):
                ledgers[oid] = money
        total, late, count = Decimal(0), Decimal(0), 0
        for money in ledgers.values():
            amount, invoices = overdue(money, today)
            total, late, count = total + balance(money), late + amount, count + invoices
        return total, late, count

    def open_orders(
        self, customer_id: str, excluding: UUID, pending: Mapping[UUID, Order] | None = None
    ) -> Decimal:
        """What the customer's open orders but `excluding` will add to the balance once
        invoiced; `pending` (changed by commands not saved yet) count as they are now."""
        pending = pending or {}
        with self._lock:
            orders = set(self._placed.get(customer_id, {})) - {excluding} - set(pending)
            saved = [self._open[o].uninvoiced(self._invoiced(o)) for o in orders if o in self._open]
        mine = [
            open_value(order)
            for oid, order in pending.items()
            if oid != excluding and order.customer.id == customer_id
        ]
        return sum((*saved, *mine), Decimal(0))

    def _invoiced(self, order_id: UUID) -> Decimal:
        ledger = self._ledgers.get(order_id)
        return ledger.invoiced if ledger is not None else Decimal(0)

    def placements(self, customer_id: str, order_id: UUID, at: datetime) -> tuple[int, int]:
        """How many of the customer's other orders came before `at`, and how many orders
        (this one included) the customer placed in the hour up to `at`."""
        with self._lock:
            times = [t for oid, t in self._placed.get(customer_id, {}).items() if oid != order_id]
        earlier = [t for t in times if t <= at]
        return len(earlier), 1 + sum(1 for t in earlier if t > at - HOUR)

    def has_account(self, customer_id: str) -> bool:
        with self._lock:
            return customer_id in self._accounts

    def knows(self, customer_id: str) -> bool:
        """The customer has an account or has placed an order."""
        with self._lock:
            return customer_id in self._accounts or bool(self._placed.get(customer_id))

    def orders_of(self, customer_id: str) -> list[UUID]:
        with self._lock:
            return list(self._placed.get(customer_id, {}))

    def customer_of(self, order_id: UUID) -> str | None:
        with self._lock:
            return self._customer_of.get(order_id)

    def rule_held(self, customer_id: str) -> list[UUID]:
        """The customer's orders that hold a hold a rule placed, oldest first."""
        with self._lock:
            placed = self._placed.get(customer_id, {})
            return sorted((o for o in placed if self._rule_holds.get(o)), key=placed.__getitem__)

    def order_of_invoice(self, invoice_number: str) -> UUID | None:
        with self._lock:
            return self._invoices.get(invoice_number)
