"""Pieces every document shares: money, the order's facts, the customer and ship-to blocks."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from interfaces.documents.model import Party
from interfaces.documents.reading import OrderRecord

CENT = Decimal("0.01")


def money(amount: Any) -> str:
    return str(Decimal(amount).quantize(CENT))


def day(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M UTC") if at else "not yet"


def order_reference(record: OrderRecord) -> str:
    order = record.order
    return str(order["external_ref"] or order["order_id"])


def order_facts(record: OrderRecord) -> tuple[tuple[str, str], ...]:
    order = record.order
    return (
        ("Order", order_reference(record)),
        ("Order id", str(order["order_id"])),
        ("Channel", order["channel"]),
        ("Placed", day(order["placed_at"])),
    )


def customer(record: OrderRecord, heading: str = "Customer") -> Party:
    order = record.order
    lines = [order["customer_name"] or "", order["customer_email"] or ""]
    return Party(heading, (*[x for x in lines if x], f"Customer {order['customer_id']}"))


def ship_to(record: OrderRecord) -> Party:
    delivery = record.order["delivery"]
    if delivery.get("method") == "PICKUP":
        node = delivery.get("pickup_node") or ""
        return Party("Pickup at", (record.node_name(node), record.order["customer_name"] or ""))
    address = delivery.get("address") or {}
    return Party(
        "Ship to",
        (
            record.order["customer_name"] or "",
            address.get("line1", ""),
            f"{address.get('postal_code', '')} {address.get('city', '')}".strip(),
            address.get("country", ""),
        ),
    )
