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


def record_documents(cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
    events = [e.event for e in envelopes]
    rows.insert(
        cur,
        "invoices",
        (
            {
                "invoice_number": e.invoice_number,
                "order_id": e.originator_id,
                "shipment_id": e.shipment_id,
                "amount": money(e.amount),
                "issued_at": e.timestamp,
            }
            for e in events
            if type(e) is Order.InvoiceIssued
        ),
    )
    rows.insert(
        cur,
        "credit_memos",
        (
            {
                "memo_number": e.memo_number,
                "order_id": e.originator_id,
                "return_id": e.return_id,
                "amount": money(e.amount),
                "issued_at": e.timestamp,
            }
            for e in events
            if type(e) is Order.CreditMemoIssued
        ),
    )
