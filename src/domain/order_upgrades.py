"""How orders stored by earlier releases read: upcasters of the order's snapshots and of its
placement event (each event's own upcasters live beside it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from domain.order_values import CustomerDetails, Delivery, LineItem, Payment, value_of


def snapshot_v1_v2(state: dict[str, Any]) -> None:
    """Snapshots from before invoices, captures, write-offs and rule holds were kept."""
    state.update(captured=Decimal(0), written_off=Decimal(0), invoices={}, write_offs={})
    authorized = Decimal(str(state.get("authorized", 0)))
    state.update(auto_holds={}, payment_method="card" if authorized > 0 else None)
    state["billing_country"] = None


def snapshot_v2_v3(state: dict[str, Any]) -> None:
    """Snapshots from before the customer and delivery were typed values."""
    state["customer"] = value_of(CustomerDetails, state["customer"])
    state["delivery"] = value_of(Delivery, state["delivery"])


def placed_v1_v2(state: dict[str, Any]) -> None:
    """Placements from before their payloads were typed values (plain objects)."""
    snapshot_v2_v3(state)
    state["lines"] = tuple(value_of(LineItem, line) for line in state["lines"])
    payment = state["payment"]
    state["payment"] = value_of(Payment, payment) if payment is not None else None
