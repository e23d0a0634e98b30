"""The order tracking read model's document registers: invoices and credit memos issued.

One row per `Order.InvoiceIssued` (invoice number, shipment, amount) and per
`Order.CreditMemoIssued` (memo number, return, amount), so printable documents can be
built from the read model alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg import Cursor

from domain.order import Order
from projections import rows
from projections.base import Envelope
from projections.order_view import money

# event type: (table, number column and attribute, what the document is for)
REGISTERS = {
    Order.InvoiceIssued: ("invoices", "invoice_number", "shipment_id"),
    Order.CreditMemoIssued: ("credit_memos", "memo_number", "return_id"),
}


def record_documents(cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
    for kind, (table, number, subject) in REGISTERS.items():
        found = [e.event for e in envelopes if type(e.event) is kind]
        rows.insert(cur, table, (_row(event, number, subject) for event in found))


def _row(event: Any, number: str, subject: str) -> dict[str, Any]:
    return {
        number: getattr(event, number),
        "order_id": event.originator_id,
        subject: getattr(event, subject),
        "amount": money(event.amount),
        "issued_at": event.timestamp,
    }
