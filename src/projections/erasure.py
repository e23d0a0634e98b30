"""What the read models do when a customer's personal data is erased: rewrite their copies.

A projection applies its events in log order, split at erasures (`in_erasure_order`). At an
erasure its rows hold what events before it said, which a rebuild (reading those events
with the key destroyed) shows erased; so the rows of the customer are rewritten to what
the erased values give, and a live read model equals a rebuilt one. Rows of later events
(new orders, with a new key) are not touched.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import asdict
from typing import Any

from psycopg import Cursor
from psycopg.types.json import Jsonb

from domain.customer import Contact
from domain.data_subject import DataSubject
from domain.order_values import CustomerDetails, Delivery
from projections import rows
from projections.base import Envelope
from projections.parts import Part

TOPIC = DataSubject.PersonalDataErased.TOPIC


def in_erasure_order(
    envelopes: Sequence[Envelope],
) -> Iterator[tuple[list[Envelope], str | None]]:
    """The events before each erasure, with the erased customer (None after the last)."""
    part: list[Envelope] = []
    for envelope in envelopes:
        if isinstance(envelope.event, DataSubject.PersonalDataErased):
            yield part, envelope.event.customer_id
            part = []
        else:
            part.append(envelope)
    if part:
        yield part, None


def erase_orders(cur: Cursor[Any], customer_id: str, part: Part | None = None) -> None:
    """`order_tracking.orders`: the customer's name, email, phone and delivery addresses
    (of the orders `part` holds, when the fold is split)."""
    customer = CustomerDetails.erased_with({"id": customer_id})
    for row in rows.query(
        cur, "SELECT order_id, delivery FROM orders WHERE customer_id = %s", [customer_id]
    ):
        if part is not None and not part.holds(row["order_id"]):
            continue
        delivery = asdict(Delivery.from_dict(row["delivery"]).erased())
        cur.execute(
            b"UPDATE orders SET customer_name = %s, customer_email = %s, customer_phone = %s,"
            b" delivery = %s WHERE order_id = %s",
            (customer.name, customer.email, customer.phone, Jsonb(delivery), row["order_id"]),
        )


def erase_customers(cur: Cursor[Any], customer_id: str, part: Part | None = None) -> None:
    """`receivables.customers`: the account's name, email and phone (when `part` holds it)."""
    erased = Contact.erased_with({})
    for row in rows.query(
        cur, "SELECT customer_key FROM customers WHERE customer_id = %s", [customer_id]
    ):
        if part is None or part.holds(row["customer_key"]):
            cur.execute(
                b"UPDATE customers SET name = %s, email = %s, phone = %s WHERE customer_key = %s",
                (erased.name, erased.email, erased.phone, row["customer_key"]),
            )
