"""One node's stock of one SKU: the record every reservation is checked against."""

from __future__ import annotations

from datetime import datetime
from typing import Any, TypeAlias
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain import expected_receipts, recording, stock_preorders, stock_transfers
from domain.errors import InvalidRequest, NotAllowed, OutOfStock
from domain.quick_init import quick_init
from domain.stock_levels import Levels, available, incoming, non_negative, require_positive
from domain.values import node_stock_id


class NodeStock(Aggregate):
    """One node's stock of one SKU: the hard limit every reservation is checked against.

    It keeps totals only, so its state (and snapshots) stay the same size however many
    orders hold stock here: each reservation, release and shipment names its shipment in
    its event (the audit trail), and the order's shipment is what knows how much it holds.
    Concepts with their own module: transfers (`stock_transfers`), expected receipts
    (`expected_receipts`) and preorders on supply in transit (`stock_preorders`).
    """

    TOPIC = "oms:NodeStock"
    class_version = 4

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        """Snapshots from when each shipment's reservation was kept here by reference."""
        state.pop("reservations", None)

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        """Snapshots from before expected receipts."""
        state["expected"] = {}

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        """Snapshots from before preorders."""
        state["preordered"] = 0

    class Event(Aggregate.Event):
        TOPIC = "oms:NodeStock.Event"

        def apply(self, stock: NodeStock) -> None:
            self.move(stock)

        def move(self, levels: Levels) -> None:
            """How the event changes the stock levels (the read model folds this too)."""

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:NodeStock.Created"
        node_code: str
        sku: str

    class Received(Event):
        TOPIC = "oms:NodeStock.Received"
        quantity: int
        reference: str

        def move(self, levels: Levels) -> None:
            levels.on_hand += self.quantity

    class Adjusted(Event):
        TOPIC = "oms:NodeStock.Adjusted"
        delta: int
        reason: str

        def move(self, levels: Levels) -> None:
            levels.on_hand += self.delta

    class SafetyStockSet(Event):
        TOPIC = "oms:NodeStock.SafetyStockSet"
        quantity: int

        def move(self, levels: Levels) -> None:
            levels.safety_stock = self.quantity

    @quick_init
    class Reserved(Event):
        TOPIC = "oms:NodeStock.Reserved"
        reference: str
        quantity: int

        def move(self, levels: Levels) -> None:
            levels.reserved += self.quantity

    class Released(Event):
        TOPIC = "oms:NodeStock.Released"
        reference: str
        quantity: int

        def move(self, levels: Levels) -> None:
            levels.reserved -= self.quantity

    class Shipped(Event):
        TOPIC = "oms:NodeStock.Shipped"
        reference: str
        quantity: int

        def move(self, levels: Levels) -> None:
            levels.reserved -= self.quantity
            levels.on_hand -= self.quantity

    class Restocked(Event):
        TOPIC = "oms:NodeStock.Restocked"
        reference: str
        quantity: int

        def move(self, levels: Levels) -> None:
            levels.on_hand += self.quantity

    TransferredOut: TypeAlias = stock_transfers.TransferredOut
    TransferExpected: TypeAlias = stock_transfers.TransferExpected
    TransferReceived: TypeAlias = stock_transfers.TransferReceived
    ReceiptExpected: TypeAlias = expected_receipts.ReceiptExpected
    ExpectedReceiptArrived: TypeAlias = expected_receipts.ExpectedReceiptArrived
    PreorderReserved: TypeAlias = stock_preorders.PreorderReserved
    PreorderFilled: TypeAlias = stock_preorders.PreorderFilled
    PreorderReleased: TypeAlias = stock_preorders.PreorderReleased

    def __init__(self, node_code: str, sku: str) -> None:
        self.node_code = node_code
        self.sku = sku
        self.on_hand = 0
        self.reserved = 0
        self.safety_stock = 0
        self.in_transit = 0
        self.preordered = 0  # of the supply in transit, held for preorders
        self.inbound: dict[str, int] = {}  # transfers on their way here, by id
        self.expected: dict[str, expected_receipts.ExpectedReceipt] = {}  # by reference

    @classmethod
    def open(cls, node_code: str, sku: str) -> NodeStock:
        if not sku.strip():
            raise InvalidRequest("a SKU cannot be blank")
        return cls._create(
            cls.Created, id=node_stock_id(node_code, sku), node_code=node_code, sku=sku
        )

    @property
    def available(self) -> int:
        return available(self)

    trigger_event = recording.trigger_event  # a placement reserves on a record per line

    @property
    def incoming(self) -> int:
        return incoming(self)

    preorder = stock_preorders.hold
    fill_preorder = stock_preorders.fill
    release_preorder = stock_preorders.let_go

    def receive(self, quantity: int, reference: str = "") -> None:
        require_positive(quantity)
        self.trigger_event(self.Received, quantity=quantity, reference=reference)
        expected_receipts.book_in(self, quantity, reference)

    def expect(
        self, receipt_id: UUID, quantity: int, expected_at: datetime, reference: str
    ) -> None:
        """Supply on its way: in transit until a receipt names `reference`."""
        expected_receipts.expect(self, receipt_id, quantity, expected_at, reference)

    def adjust(self, reason: str, *, delta: int | None = None, counted: int | None = None) -> None:
        if (delta is None) == (counted is None):
            raise InvalidRequest("give either a counted quantity or a delta")
        change = delta if delta is not None else non_negative(counted) - self.on_hand
        if self.on_hand + change < 0:
            raise NotAllowed(f"{self.sku} at {self.node_code}: on hand would fall below zero")
        if change:
            self.trigger_event(self.Adjusted, delta=change, reason=reason)

    def set_safety_stock(self, quantity: int) -> None:
        if non_negative(quantity) != self.safety_stock:
            self.trigger_event(self.SafetyStockSet, quantity=quantity)

    def reserve(self, reference: str, quantity: int) -> None:
        require_positive(quantity)
        if quantity > self.available:
            raise OutOfStock(
                f"{self.sku} at {self.node_code}: {quantity} requested, {self.available} available"
            )
        self.trigger_event(self.Reserved, reference=reference, quantity=quantity)

    def release(self, reference: str, quantity: int) -> None:
        self._check_reserved(reference, quantity)
        self.trigger_event(self.Released, reference=reference, quantity=quantity)

    def ship(self, reference: str, quantity: int) -> None:
        self._check_reserved(reference, quantity)
        if quantity > self.on_hand:
            raise OutOfStock(
                f"{self.sku} at {self.node_code}: {self.on_hand} on hand, cannot ship {quantity}"
            )
        self.trigger_event(self.Shipped, reference=reference, quantity=quantity)

    def restock(self, reference: str, quantity: int) -> None:
        require_positive(quantity)
        self.trigger_event(self.Restocked, reference=reference, quantity=quantity)

    transfer_out = stock_transfers.send
    expect_transfer = stock_transfers.expect
    receive_transfer = stock_transfers.receive

    def _check_reserved(self, reference: str, quantity: int) -> None:
        """No more than is reserved here in all (what `reference` holds, its order knows)."""
        require_positive(quantity)
        if quantity > self.reserved:
            raise NotAllowed(
                f"{self.sku} at {self.node_code}: {self.reserved} reserved, "
                f"{reference} cannot take {quantity}"
            )
