"""Expected receipts: supply announced for a node (a purchase order, say).

An expected receipt counts as stock in transit to the node from the moment it is announced
until a receipt naming its reference books it in; what arrives beyond the expected quantity
is simply received, and a partial receipt leaves the rest in transit. The events are nested
in `NodeStock` (see `domain.node_stock`), which keeps the open ones by reference.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotAllowed
from domain.stock_levels import Levels, require_positive

if TYPE_CHECKING:
    from domain.node_stock import NodeStock


@dataclass(frozen=True)
class ExpectedReceipt:
    """Supply still to come to a node under one reference, and when it is expected."""

    receipt_id: UUID
    quantity: int
    expected_at: datetime

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExpectedReceipt:
        expected_at = data["expected_at"]
        if isinstance(expected_at, str):
            expected_at = datetime.fromisoformat(expected_at)
        return cls(UUID(str(data["receipt_id"])), int(data["quantity"]), expected_at)


class ReceiptExpected(Aggregate.Event):
    """Supply announced for `expected_at`: in transit until a receipt names `reference`."""

    TOPIC = "oms:NodeStock.ReceiptExpected"
    receipt_id: UUID
    quantity: int
    expected_at: datetime
    reference: str

    def move(self, levels: Levels) -> None:
        levels.in_transit += self.quantity

    def apply(self, stock: NodeStock) -> None:
        self.move(stock)
        stock.expected[self.reference] = ExpectedReceipt(
            self.receipt_id, self.quantity, self.expected_at
        )


class ExpectedReceiptArrived(Aggregate.Event):
    """A receipt booked in `quantity` of an expected receipt: no longer in transit."""

    TOPIC = "oms:NodeStock.ExpectedReceiptArrived"
    receipt_id: UUID
    reference: str
    quantity: int

    def move(self, levels: Levels) -> None:
        levels.in_transit -= self.quantity

    def apply(self, stock: NodeStock) -> None:
        self.move(stock)
        expected = stock.expected[self.reference]
        left = expected.quantity - self.quantity
        if left > 0:
            stock.expected[self.reference] = ExpectedReceipt(
                expected.receipt_id, left, expected.expected_at
            )
        else:
            del stock.expected[self.reference]


def expect(
    stock: NodeStock, receipt_id: UUID, quantity: int, expected_at: datetime, reference: str
) -> None:
    """Announce supply of the record's SKU: in transit until a receipt names `reference`."""
    require_positive(quantity)
    if not reference.strip():
        raise InvalidRequest("an expected receipt needs a reference")
    if reference in stock.expected:
        raise NotAllowed(f"{stock.sku} at {stock.node_code}: {reference!r} is already expected")
    stock.trigger_event(
        stock.ReceiptExpected,
        receipt_id=receipt_id,
        quantity=quantity,
        expected_at=expected_at,
        reference=reference,
    )


def book_in(stock: NodeStock, quantity: int, reference: str) -> None:
    """A receipt of `quantity` naming `reference`: books in what was expected under it."""
    expected = stock.expected.get(reference) if reference else None
    if expected is not None:
        stock.trigger_event(
            stock.ExpectedReceiptArrived,
            receipt_id=expected.receipt_id,
            reference=reference,
            quantity=min(quantity, expected.quantity),
        )
