"""Read model `receivables`: customer accounts, what each order owes, open invoices.

The money is folded by the order's own event handlers on a `Ledger` (domain.ledger), so
the read model's balance is the aggregate's by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from uuid import UUID

from psycopg import Cursor

from domain.customer import Customer
from domain.ledger import Invoice, Ledger, open_amounts
from domain.order import LEDGER_EVENTS, Order
from projections import erasure, rows
from projections.base import Envelope, Projection, event_topics
from projections.order_view import placed_in
from projections.parts import Part
from projections.rows import Row

TOPICS = (Order.Placed.TOPIC, *(e.TOPIC for e in LEDGER_EVENTS))


class ReceivablesProjection(Projection):
    name = "receivables"
    refold_cost = 1.5
    topics = tuple(sorted({*event_topics(Customer), *TOPICS, erasure.TOPIC}))
    # Rows are an order's (accounts, invoices) or a customer account's; erasures name ids.
    shared_topics = (erasure.TOPIC,)

    def __init__(self, part: Part | None = None) -> None:
        self.part = part  # folding only these orders' and accounts' rows (None: all)

    def split(self, part: Part) -> ReceivablesProjection:
        return ReceivablesProjection(part)

    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        for before, erased in erasure.in_erasure_order(envelopes):
            if before:
                self._apply(cur, before)
            if erased is not None:
                erasure.erase_customers(cur, erased, self.part)

    def _apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        events = [e.event for e in envelopes]
        _customers(cur, [e for e in events if isinstance(e, Customer.Event)])
        orders = {e.originator_id for e in events if isinstance(e, Order.Event)}
        stored = orders - placed_in(envelopes)  # an order placed in this batch has no rows yet
        accounts = {r["order_id"]: r for r in rows.fetch(cur, "accounts", "order_id", stored)}
        ledgers = {oid: _ledger(row) for oid, row in accounts.items()}
        for row in sorted(rows.fetch(cur, "invoices", "order_id", stored), key=_by_seq):
            ledger = ledgers[row["order_id"]]
            ledger.invoices[row["invoice_number"]] = _invoice(row)
            ledger.write_offs[row["invoice_number"]] = row["written_off"]
        for event in events:
            if isinstance(event, Order.Placed):
                accounts[event.originator_id] = _opened(event)
                ledgers[event.originator_id] = Ledger()
            elif isinstance(event, LEDGER_EVENTS):
                event.apply(ledgers[event.originator_id])
                accounts[event.originator_id]["updated_at"] = event.timestamp
        changed = sorted(orders & set(accounts))
        rows.upsert(
            cur, "accounts", ["order_id"], (_account(accounts[o], ledgers[o]) for o in changed)
        )
        rows.upsert(
            cur,
            "invoices",
            ["invoice_number"],
            (r for o in changed for r in _invoice_rows(accounts[o], ledgers[o])),
        )


def _customers(cur: Cursor[Any], events: list[Any]) -> None:
    if not events:
        return
    keys = {e.originator_id for e in events}
    found = {r["customer_key"]: r for r in rows.fetch(cur, "customers", "customer_key", keys)}
    for event in events:
        row = found.setdefault(event.originator_id, {"customer_key": event.originator_id})
        if isinstance(event, Customer.Registered):
            row["customer_id"] = event.customer_id
        row.update(
            name=event.contact.name,
            email=event.contact.email,
            phone=event.contact.phone,
            credit_limit=event.credit_limit,
            payment_terms_days=event.payment_terms_days,
            updated_at=event.timestamp,
        )
    rows.upsert(cur, "customers", ["customer_key"], (found[k] for k in sorted(keys)))


def _opened(event: Order.Placed) -> Row:
    payment = event.payment
    return {
        "order_id": event.originator_id,
        "customer_id": event.customer.id,
        "placed_at": event.timestamp,
        "authorized": payment.authorized_amount if payment else 0,
        "updated_at": event.timestamp,
    }


def _ledger(row: Row) -> Ledger:
    return Ledger(
        invoiced=row["invoiced"],
        paid=row["paid"],
        refunded=row["credited"],
        written_off=row["written_off"],
        captured=row["captured"],
    )


def _invoice(row: Row) -> Invoice:
    return Invoice(row["invoice_number"], row["amount"], row["issued_on"], row["due_on"])


def _by_seq(row: Row) -> tuple[UUID, int]:
    return row["order_id"], row["seq"]


def _account(row: Row, ledger: Ledger) -> Row:
    return {
        **row,
        "invoiced": ledger.invoiced,
        "captured": ledger.captured,
        "paid": ledger.paid,
        "credited": ledger.refunded,
        "written_off": ledger.written_off,
    }


def _invoice_rows(account: Row, ledger: Ledger) -> list[Row]:
    """Every invoice of the order (seq in issue order) with what is open on it now."""
    left = open_amounts(ledger)
    return [
        {
            "invoice_number": number,
            "order_id": account["order_id"],
            "customer_id": account["customer_id"],
            "seq": seq,
            "amount": invoice.amount,
            "issued_on": invoice.issued_on,
            "due_on": invoice.due_on,
            "written_off": ledger.write_offs.get(number, 0),
            "open_amount": left[number],
        }
        for seq, (number, invoice) in enumerate(ledger.invoices.items(), start=1)
    ]
