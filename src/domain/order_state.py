"""What an order's event handlers read and write, and what its status is derived from.

`Order` has this state; so does the order tracking read model's `OrderView`, which folds
the same handlers (see "How read models fold events" in the README). Shipments are keyed
by `str(shipment_id)`, as the aggregate's snapshots store them.
"""

from __future__ import annotations

from typing import Protocol

from domain.ledger import LedgerState
from domain.order_line import OrderLine
from domain.order_values import Delivery
from domain.shipment import Shipment


class OrderState(LedgerState, Protocol):
    """The order's state; its money (`LedgerState`) is what the ledger events write."""

    lines: dict[str, OrderLine]
    shipments: dict[str, Shipment]
    delivery: Delivery
    holds: dict[str, str]
    auto_holds: dict[str, str]  # hold type -> the rule that placed it
    returns: dict[str, dict[str, int]]  # return id -> SKU -> quantity
    closed: bool
