"""Commands on inventory nodes and their stock."""

from __future__ import annotations

from uuid import UUID, uuid4

from application.answers import node_answer, stock_answer
from application.base import OMSBase
from application.command import Answer, Outcome
from application.commands import (
    AdjustStock,
    ExpectReceipt,
    ReceiveStock,
    ReceiveTransfer,
    RegisterNode,
    ScheduleDowntime,
    SetNodeStatus,
    SetSafetyStock,
    Transfer,
)
from application.pickup_transfers import hand_over
from domain.errors import NotAllowed
from domain.inventory_node import InventoryNode
from domain.values import GeoPoint, node_id


class NodeCommands(OMSBase):
    def register_node(self, cmd: RegisterNode, *, idempotency_key: str | None = None) -> Answer:
        return self.run(idempotency_key, self._register_node, cmd)

    def _register_node(self, cmd: RegisterNode) -> Outcome:
        if self.find(node_id(cmd.code)) is not None:
            raise NotAllowed(f"node {cmd.code!r} is already registered")
        node = InventoryNode.register(
            cmd.code,
            cmd.name,
            cmd.type,
            GeoPoint(cmd.lat, cmd.lon),
            frozenset(cmd.capabilities),
            daily_capacity=cmd.daily_capacity,
            priority=cmd.priority,
            ship_cost=cmd.ship_cost,
        )
        return Outcome(node_answer(node), [node])

    def receive_stock(
        self, code: str, cmd: ReceiveStock, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._receive_stock, code, cmd)

    def _receive_stock(self, code: str, cmd: ReceiveStock) -> Outcome:
        stock = self.stock(code, cmd.sku)
        stock.receive(cmd.quantity, cmd.reference)
        return Outcome(stock_answer(stock), [stock])

    def expect_receipt(
        self, code: str, cmd: ExpectReceipt, *, idempotency_key: str | None = None
    ) -> Answer:
        """Supply on its way to the node: in transit until a receipt names its reference."""
        return self.run(idempotency_key, self._expect_receipt, code, cmd)

    def _expect_receipt(self, code: str, cmd: ExpectReceipt) -> Outcome:
        stock = self.stock(code, cmd.sku)
        receipt_id = uuid4()
        stock.expect(receipt_id, cmd.quantity, cmd.expected_at, cmd.reference)
        return Outcome({"receipt_id": str(receipt_id), **stock_answer(stock)}, [stock])

    def adjust_stock(
        self, code: str, cmd: AdjustStock, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._adjust_stock, code, cmd)

    def _adjust_stock(self, code: str, cmd: AdjustStock) -> Outcome:
        stock = self.stock(code, cmd.sku)
        stock.adjust(cmd.reason, delta=cmd.delta, counted=cmd.counted_quantity)
        return Outcome(stock_answer(stock), [stock])

    def set_safety_stock(
        self, code: str, sku: str, cmd: SetSafetyStock, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._set_safety_stock, code, sku, cmd)

    def _set_safety_stock(self, code: str, sku: str, cmd: SetSafetyStock) -> Outcome:
        stock = self.stock(code, sku)
        stock.set_safety_stock(cmd.quantity)
        return Outcome(stock_answer(stock), [stock])

    def transfer_stock(
        self, code: str, cmd: Transfer, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._transfer_stock, code, cmd)

    def _transfer_stock(self, code: str, cmd: Transfer) -> Outcome:
        source, target = self.stock(code, cmd.sku), self.stock(cmd.to_node, cmd.sku)
        transfer_id = uuid4()
        source.transfer_out(transfer_id, cmd.to_node, cmd.quantity)
        target.expect_transfer(transfer_id, code, cmd.quantity)
        answer = {
            "transfer_id": str(transfer_id),
            "from": stock_answer(source),
            "to": stock_answer(target),
        }
        return Outcome(answer, [source, target])

    def receive_transfer(
        self,
        code: str,
        transfer_id: UUID,
        cmd: ReceiveTransfer,
        *,
        idempotency_key: str | None = None,
    ) -> Answer:
        return self.run(idempotency_key, self._receive_transfer, code, transfer_id, cmd)

    def _receive_transfer(self, code: str, transfer_id: UUID, cmd: ReceiveTransfer) -> Outcome:
        """Book a transfer in; a TRANSFER shipment's goods are held for its pickup order
        (see pickup_transfers)."""
        stock = self.stock(code, cmd.sku)
        stock.receive_transfer(transfer_id)
        order = hand_over(self, stock, transfer_id)
        return Outcome(stock_answer(stock), [stock] if order is None else [stock, order])

    def schedule_downtime(
        self, code: str, cmd: ScheduleDowntime, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._schedule_downtime, code, cmd)

    def _schedule_downtime(self, code: str, cmd: ScheduleDowntime) -> Outcome:
        node = self.node(code)
        downtime_id = uuid4()
        node.schedule_downtime(downtime_id, cmd.starts_at, cmd.ends_at, cmd.reason)
        return Outcome({"downtime_id": str(downtime_id), **node_answer(node)}, [node])

    def cancel_downtime(
        self, code: str, downtime_id: UUID, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._cancel_downtime, code, downtime_id)

    def _cancel_downtime(self, code: str, downtime_id: UUID) -> Outcome:
        node = self.node(code)
        node.cancel_downtime(downtime_id)
        return Outcome(node_answer(node), [node])

    def set_node_status(
        self, code: str, cmd: SetNodeStatus, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._set_node_status, code, cmd)

    def _set_node_status(self, code: str, cmd: SetNodeStatus) -> Outcome:
        node = self.node(code)
        if cmd.active:
            node.activate()
        else:
            node.deactivate()
        return Outcome(node_answer(node), [node])
