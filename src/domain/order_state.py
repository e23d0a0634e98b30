"""What an order's event handlers read and write, and what its status is derived from.

`Order` has this state; so does the order tracking read model's `OrderView`, which folds
the same handlers (see "How read models fold events" in the README). Shipments are keyed
by `str(shipment_id)`, as the aggregate's snapshots store them.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Protocol

from domain.ledger import Invoice
from domain.order_line import OrderLine
from domain.order_values import Delivery
from domain.shipment import Shipment


class OrderState(Protocol):
    lines: dict[str, OrderLine]
    shipments: dict[str, Shipment]
    delivery: Delivery
    holds: dict[str, str]
    auto_holds: dict[str, str]  # hold type -> the rule that placed it
    returns: dict[str, dict[str, int]]  # return id -> SKU -> quantity
    payment_refs: set[str]
    invoices: dict[str, Invoice]
    write_offs: dict[str, Decimal]
    paid: Decimal
    invoiced: Decimal
    refunded: Decimal
    captured: Decimal
    written_off: Decimal
    closed: bool
