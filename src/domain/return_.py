"""Customer returns: authorisation, receipt at a node, inspection, refund or exchange."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotAllowed
from domain.inventory_node import InventoryNode
from domain.kits import in_parts, worth
from domain.order_line import OrderLine
from domain.order_values import Quantities, value_of
from domain.return_values import ExchangeLine, InspectedLine, ReturnLabel, ReturnLine
from domain.values import Capability, Disposition, ReturnMethod, ReturnStatus


class ReturnState(Protocol):
    """What the return's event handlers read and write: the aggregate, or a read model's
    view of it (see "How read models fold events" in the README)."""

    status: ReturnStatus
    received_at: str | None
    dispositions: list[InspectedLine]
    refunded: Decimal
    exchange_order_id: UUID | None


class Return(Aggregate):
    TOPIC = "oms:Return"

    class Event(Aggregate.Event):
        TOPIC = "oms:Return.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:Return.Created"

    class Authorized(Created):
        """Version 2 holds `ReturnLine` and `ReturnLabel` values; version 1 plain objects."""

        TOPIC = "oms:Return.Authorized"
        class_version = 2
        order_id: UUID
        lines: Sequence[ReturnLine]
        method: str
        node_code: str | None
        label: ReturnLabel | None

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["lines"] = [value_of(ReturnLine, line) for line in state["lines"]]
            label = state["label"]
            state["label"] = value_of(ReturnLabel, label) if label is not None else None

    class Received(Event):
        TOPIC = "oms:Return.Received"
        node_code: str

        def apply(self, ret: ReturnState) -> None:
            ret.status = ReturnStatus.RECEIVED
            ret.received_at = self.node_code

    class Inspected(Event):
        """Version 2 holds `InspectedLine` values; version 1 plain objects."""

        TOPIC = "oms:Return.Inspected"
        class_version = 2
        node_code: str
        lines: Sequence[InspectedLine]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["lines"] = [value_of(InspectedLine, line) for line in state["lines"]]

        def apply(self, ret: ReturnState) -> None:
            ret.status = ReturnStatus.INSPECTED
            ret.dispositions = list(self.lines)

    class Refunded(Event):
        TOPIC = "oms:Return.Refunded"
        amount: Decimal

        def apply(self, ret: ReturnState) -> None:
            ret.status = ReturnStatus.REFUNDED
            ret.refunded = Decimal(self.amount)

    class Exchanged(Event):
        """Version 2 holds `ExchangeLine` values; version 1 plain objects."""

        TOPIC = "oms:Return.Exchanged"
        class_version = 2
        exchange_order_id: UUID
        lines: Sequence[ExchangeLine]

        @staticmethod
        def upcast_v1_v2(state: dict[str, Any]) -> None:
            state["lines"] = [value_of(ExchangeLine, line) for line in state["lines"]]

        def apply(self, ret: ReturnState) -> None:
            ret.status = ReturnStatus.EXCHANGED
            ret.exchange_order_id = UUID(str(self.exchange_order_id))

    class Closed(Event):
        TOPIC = "oms:Return.Closed"

        def apply(self, ret: ReturnState) -> None:
            ret.status = ReturnStatus.CLOSED

    class Cancelled(Event):
        TOPIC = "oms:Return.Cancelled"
        reason: str

        def apply(self, ret: ReturnState) -> None:
            ret.status = ReturnStatus.CANCELLED

    def __init__(
        self,
        order_id: UUID,
        lines: Sequence[ReturnLine],
        method: str,
        node_code: str | None,
        label: ReturnLabel | None,
    ) -> None:
        self.order_id = UUID(str(order_id))
        self.lines = list(lines)
        self.method = ReturnMethod(method)
        self.node_code = node_code
        self.label = label
        self.status = ReturnStatus.AUTHORIZED
        self.received_at: str | None = None
        self.dispositions: list[InspectedLine] = []
        self.refunded = Decimal(0)
        self.exchange_order_id: UUID | None = None

    @classmethod
    def authorize(
        cls,
        return_id: UUID,
        order_id: UUID,
        lines: Sequence[ReturnLine],
        method: ReturnMethod,
        node_code: str | None = None,
        *,
        node: InventoryNode | None = None,
    ) -> Return:
        """Authorise a return; `node` is the node named by `node_code`, when there is one."""
        if not lines:
            raise InvalidRequest("a return needs at least one line")
        skus = [line.sku for line in lines]
        if len(set(skus)) != len(skus):
            raise InvalidRequest("each SKU may appear on one return line only")
        if method is ReturnMethod.STORE and not node_code:
            raise InvalidRequest("an in-store return needs a node_code")
        if method is ReturnMethod.STORE and node is not None:
            _check_takes_returns(node)
        label = None
        if method is ReturnMethod.MAIL:
            label = ReturnLabel("UPS", f"RMA{return_id.hex[:12].upper()}")
        return cls._create(
            cls.Authorized,
            id=return_id,
            order_id=order_id,
            lines=tuple(lines),
            method=str(method),
            node_code=node_code,
            label=label,
        )

    @property
    def is_open(self) -> bool:
        """Not yet closed or cancelled: its order cannot close while it is."""
        return self.status not in (ReturnStatus.CLOSED, ReturnStatus.CANCELLED)

    @property
    def quantities(self) -> Quantities:
        return {line.sku: line.quantity for line in self.lines}

    def receive(self, node: InventoryNode) -> None:
        self._require(ReturnStatus.AUTHORIZED, "receive")
        if not node.can(Capability.RETURNS):
            raise NotAllowed(f"node {node.code} does not take returns")
        if not node.active:
            raise NotAllowed(f"node {node.code} is inactive")
        self.trigger_event(self.Received, node_code=node.code)

    def inspect(self, lines: Sequence[InspectedLine]) -> Quantities:
        """Record a disposition for every returned unit; returns the quantities to restock."""
        self._require(ReturnStatus.RECEIVED, "inspect")
        inspected: Quantities = {}
        for line in lines:
            if line.quantity <= 0:
                raise InvalidRequest("inspected quantities must be positive")
            inspected[line.sku] = inspected.get(line.sku, 0) + line.quantity
        if inspected != self.quantities:
            raise InvalidRequest(
                f"inspection must account for every returned unit: expected {self.quantities}"
            )
        assert self.received_at is not None
        self.trigger_event(self.Inspected, node_code=self.received_at, lines=tuple(lines))
        restock: Quantities = {}
        for line in lines:
            if line.disposition == Disposition.RESTOCK:
                restock[line.sku] = restock.get(line.sku, 0) + line.quantity
        return restock

    def refund(self, amount: Decimal) -> None:
        self._require(ReturnStatus.INSPECTED, "refund")
        self.trigger_event(self.Refunded, amount=amount)

    def refund_goods(self, sold: Mapping[str, OrderLine], amount: Decimal | None = None) -> Decimal:
        """Refund what the returned goods were sold for (`sold`: the order's lines), or
        `amount` when given, never more; returns the amount refunded."""
        value = worth(sold, in_parts(sold, self.quantities))
        amount = value if amount is None else amount
        if amount > value:
            raise InvalidRequest(f"refund {amount} is more than the returned goods' {value}")
        self.refund(amount)
        return amount

    def exchange(self, exchange_order_id: UUID, lines: Sequence[ExchangeLine]) -> None:
        self._require(ReturnStatus.INSPECTED, "exchange")
        self.trigger_event(self.Exchanged, exchange_order_id=exchange_order_id, lines=tuple(lines))

    def close(self) -> None:
        if self.status not in (ReturnStatus.REFUNDED, ReturnStatus.EXCHANGED):
            raise NotAllowed(f"return {self.id} is {self.status}: refund or exchange it first")
        self.trigger_event(self.Closed)

    def cancel(self, reason: str) -> None:
        self._require(ReturnStatus.AUTHORIZED, "cancel")
        self.trigger_event(self.Cancelled, reason=reason)

    def _require(self, status: ReturnStatus, action: str) -> None:
        if self.status != status:
            raise NotAllowed(f"return {self.id} is {self.status}: cannot {action}")


def _check_takes_returns(node: InventoryNode) -> None:
    """An in-store return is authorised only at an active node that takes returns."""
    if not node.can(Capability.RETURNS):
        raise InvalidRequest(f"node {node.code} does not take returns")
    if not node.active:
        raise InvalidRequest(f"node {node.code} is inactive")
