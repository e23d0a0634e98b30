"""Transfers between nodes: stock leaves one node's record and is in transit to another's
until that node receives it. The events are nested in `NodeStock` (see `domain.node_stock`),
which keeps the transfers on their way to it by id (`inbound`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotFound, OutOfStock
from domain.stock_levels import Levels, require_positive

if TYPE_CHECKING:
    from domain.node_stock import NodeStock


class TransferredOut(Aggregate.Event):
    TOPIC = "oms:NodeStock.TransferredOut"
    transfer_id: UUID
    to_node: str
    quantity: int

    def move(self, levels: Levels) -> None:
        levels.on_hand -= self.quantity

    def apply(self, stock: NodeStock) -> None:
        self.move(stock)


class TransferExpected(Aggregate.Event):
    TOPIC = "oms:NodeStock.TransferExpected"
    transfer_id: UUID
    from_node: str
    quantity: int

    def move(self, levels: Levels) -> None:
        levels.in_transit += self.quantity

    def apply(self, stock: NodeStock) -> None:
        self.move(stock)
        stock.inbound[str(self.transfer_id)] = self.quantity


class TransferReceived(Aggregate.Event):
    TOPIC = "oms:NodeStock.TransferReceived"
    transfer_id: UUID
    quantity: int

    def move(self, levels: Levels) -> None:
        levels.in_transit -= self.quantity
        levels.on_hand += self.quantity

    def apply(self, stock: NodeStock) -> None:
        self.move(stock)
        del stock.inbound[str(self.transfer_id)]


def send(stock: NodeStock, transfer_id: UUID, to_node: str, quantity: int) -> None:
    """Send `quantity` of what is available here to another node."""
    if to_node == stock.node_code:
        raise InvalidRequest("a transfer needs two different nodes")
    require_positive(quantity)
    if quantity > stock.available:
        raise OutOfStock(
            f"{stock.sku} at {stock.node_code}: cannot transfer {quantity}, "
            f"{stock.available} available"
        )
    stock.trigger_event(
        stock.TransferredOut, transfer_id=transfer_id, to_node=to_node, quantity=quantity
    )


def expect(stock: NodeStock, transfer_id: UUID, from_node: str, quantity: int) -> None:
    """A transfer on its way here: in transit until received."""
    require_positive(quantity)
    stock.trigger_event(
        stock.TransferExpected, transfer_id=transfer_id, from_node=from_node, quantity=quantity
    )


def receive(stock: NodeStock, transfer_id: UUID) -> None:
    """The transfer arrived: on hand here."""
    quantity = stock.inbound.get(str(transfer_id))
    if quantity is None:
        raise NotFound(
            f"no transfer {transfer_id} of {stock.sku} is in transit to {stock.node_code}"
        )
    stock.trigger_event(stock.TransferReceived, transfer_id=transfer_id, quantity=quantity)
