"""Commands on returns: authorise, receive, inspect, refund, exchange, close, cancel."""

from __future__ import annotations

from uuid import UUID, uuid4

from application.allocation import StockBook, allocate
from application.answers import order_answer, return_answer
from application.base import OMSBase
from application.command import Answer, Outcome
from application.commands import CreateReturn, Exchange, InspectReturn, ReceiveReturn, Refund
from application.controls import release_cleared
from domain.exchange import replacement_order
from domain.kits import in_parts
from domain.order_guards import check_known_skus
from domain.return_ import Return
from domain.return_values import ExchangeLine, InspectedLine, ReturnLine
from domain.sourcing import Trigger


class ReturnCommands(OMSBase):
    def create_return(self, cmd: CreateReturn, *, idempotency_key: str | None = None) -> Answer:
        return self.run(idempotency_key, self._create_return, cmd)

    def _create_return(self, cmd: CreateReturn) -> Outcome:
        order = self.order(cmd.order_id)
        node = self.node(cmd.node_code) if cmd.node_code else None
        lines = [ReturnLine(ln.sku, ln.quantity, ln.reason) for ln in cmd.lines]
        ret = Return.authorize(uuid4(), order.id, lines, cmd.method, cmd.node_code, node=node)
        order.record_return(ret.id, ret.quantities)
        return Outcome(return_answer(ret), [ret, order])

    def receive_return(
        self, rid: UUID, cmd: ReceiveReturn, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._receive_return, rid, cmd)

    def _receive_return(self, rid: UUID, cmd: ReceiveReturn) -> Outcome:
        ret = self.return_(rid)
        ret.receive(self.node(cmd.node_code))
        return Outcome(return_answer(ret), [ret])

    def inspect_return(
        self, rid: UUID, cmd: InspectReturn, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._inspect_return, rid, cmd)

    def _inspect_return(self, rid: UUID, cmd: InspectReturn) -> Outcome:
        ret = self.return_(rid)
        restock = ret.inspect(
            [InspectedLine(ln.sku, ln.quantity, ln.disposition) for ln in cmd.lines]
        )
        order = self.order(ret.order_id)  # a returned kit goes back to stock as its parts
        book = StockBook(self)
        for sku, qty in in_parts(order.lines, restock).items():
            assert ret.received_at is not None
            book.change(ret.received_at, sku).restock(str(rid), qty)
        return Outcome(return_answer(ret), [ret, *book.changed])

    def refund_return(
        self, rid: UUID, cmd: Refund, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._refund_return, rid, cmd)

    def _refund_return(self, rid: UUID, cmd: Refund) -> Outcome:
        ret = self.return_(rid)
        order = self.order(ret.order_id)
        amount = ret.refund_goods(order.lines, cmd.amount)
        order.issue_credit_memo(rid, amount)
        released = release_cleared(self, order.customer.id, [order])
        return Outcome(return_answer(ret), [ret, order, *released])

    def exchange_return(
        self, rid: UUID, cmd: Exchange, *, idempotency_key: str | None = None
    ) -> Answer:
        """Send replacements: a new order at no charge, sourced like any other."""
        return self.run(idempotency_key, self._exchange_return, rid, cmd)

    def _exchange_return(self, rid: UUID, cmd: Exchange) -> Outcome:
        ret = self.return_(rid)
        original = self.order(ret.order_id)
        check_known_skus((ln.sku for ln in cmd.lines), self.network.known)
        replacement = replacement_order(
            uuid4(), original, [(ln.sku, ln.quantity) for ln in cmd.lines]
        )
        book = StockBook(self)
        allocate(self, replacement, Trigger.PLACED, f"exchange for return {rid}", book)
        ret.exchange(replacement.id, [ExchangeLine(ln.sku, ln.quantity) for ln in cmd.lines])
        answer = {**return_answer(ret), "exchange_order": order_answer(replacement)}
        return Outcome(answer, [ret, replacement, *book.changed])

    def close_return(self, rid: UUID, *, idempotency_key: str | None = None) -> Answer:
        return self.run(idempotency_key, self._close_return, rid)

    def _close_return(self, rid: UUID) -> Outcome:
        ret = self.return_(rid)
        ret.close()
        return Outcome(return_answer(ret), [ret])

    def cancel_return(
        self, rid: UUID, reason: str, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._cancel_return, rid, reason)

    def _cancel_return(self, rid: UUID, reason: str) -> Outcome:
        ret = self.return_(rid)
        order = self.order(ret.order_id)
        ret.cancel(reason)
        order.withdraw_return(rid)
        return Outcome(return_answer(ret), [ret, order])
