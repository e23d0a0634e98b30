"""Commands on orders: placement, holds, cancellation, changes and payments."""

from __future__ import annotations

from collections import Counter
from uuid import UUID

from application.allocation import StockBook, allocate, release
from application.answers import order_answer
from application.base import OMSBase
from application.command import Answer, Outcome
from application.commands import (
    Address,
    CancelOrder,
    ChangeLine,
    Customer,
    Line,
    PaymentAuthorization,
    PlaceHold,
    PlaceOrder,
    RecordPayment,
)
from application.commands import Delivery as DeliveryCommand
from application.controls import judge, release_cleared
from application.kit_commands import kit_lines
from domain.errors import InvalidRequest, NotAllowed
from domain.order import Order
from domain.order_guards import check_known_skus
from domain.order_values import Address as DomainAddress
from domain.order_values import CustomerDetails, Delivery, Payment
from domain.sourcing import Trigger
from domain.values import DeliveryMethod, HoldType, order_id, random_id


class OrderCommands(OMSBase):
    def place_order(self, cmd: PlaceOrder, *, idempotency_key: str | None = None) -> Answer:
        """Place and source an order. An external_ref makes a retry return the first answer."""
        if idempotency_key is None and cmd.external_ref:
            idempotency_key = f"order:{cmd.channel}:{cmd.external_ref}"
        return self.run(idempotency_key, self._place_order, cmd)

    def _place_order(self, cmd: PlaceOrder) -> Outcome:
        new_id = order_id(cmd.channel, cmd.external_ref) if cmd.external_ref else random_id()
        if cmd.external_ref and self.find(new_id) is not None:
            raise NotAllowed(f"order {cmd.external_ref!r} from {cmd.channel} already exists")
        check_known_skus((line.sku for line in cmd.lines), self.catalogue.orderable)
        if cmd.delivery.method is DeliveryMethod.PICKUP and cmd.delivery.pickup_node:
            self.pickup_node(cmd.delivery.pickup_node).check_pickup()
        order = Order.place(
            new_id,
            cmd.channel,
            _customer(cmd.customer),
            _delivery(cmd.delivery),
            kit_lines(self, cmd.lines),
            external_ref=cmd.external_ref,
            requested_date=cmd.requested_date,
            payment=_payment(cmd.payment) if cmd.payment else None,
        )
        book = StockBook(self)
        allocate(self, order, Trigger.PLACED, "placement", book)
        judge(self, order)
        return Outcome(order_answer(order), [order, *book.changed])

    def cancel_order(
        self, oid: UUID, cmd: CancelOrder, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._cancel_order, oid, cmd)

    def _cancel_order(self, oid: UUID, cmd: CancelOrder) -> Outcome:
        order = self.order(oid)
        lines = {ln.sku: ln.quantity for ln in cmd.lines} if cmd.lines else None
        book = StockBook(self)
        release(order, order.cancel(cmd.reason, lines), book)
        released = release_cleared(self, order.customer.id, [order])  # less open exposure
        return Outcome(order_answer(order), [order, *released, *book.changed])

    def place_hold(
        self, oid: UUID, cmd: PlaceHold, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._place_hold, oid, cmd)

    def _place_hold(self, oid: UUID, cmd: PlaceHold) -> Outcome:
        order = self.order(oid)
        order.place_hold(cmd.type, cmd.reason)
        return Outcome(order_answer(order), [order])

    def release_hold(
        self, oid: UUID, hold_type: HoldType, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._release_hold, oid, hold_type)

    def _release_hold(self, oid: UUID, hold_type: HoldType) -> Outcome:
        order = self.order(oid)
        order.release_hold(hold_type)
        return Outcome(order_answer(order), [order])

    def change_address(
        self, oid: UUID, cmd: Address, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._change_address, oid, cmd)

    def _change_address(self, oid: UUID, cmd: Address) -> Outcome:
        order = self.order(oid)
        book = StockBook(self)
        withdrawn = order.change_address(_address(cmd))
        release(order, withdrawn, book)
        freed = Counter(node for node, _ in {(r.node_code, r.shipment_id) for r in withdrawn})
        allocate(self, order, Trigger.CHANGED, "address changed", book, freed)
        judge(self, order)
        return Outcome(order_answer(order), [order, *book.changed])

    def add_line(self, oid: UUID, cmd: Line, *, idempotency_key: str | None = None) -> Answer:
        return self.run(idempotency_key, self._add_line, oid, cmd)

    def _add_line(self, oid: UUID, cmd: Line) -> Outcome:
        order = self.order(oid)
        if self.kits.is_kit(cmd.sku):
            raise InvalidRequest(f"{cmd.sku} is a kit: kits are ordered when the order is placed")
        check_known_skus([cmd.sku], self.network.known)
        order.add_line(cmd.sku, cmd.quantity, cmd.unit_price)
        book = StockBook(self)
        allocate(self, order, Trigger.CHANGED, "line added", book)
        judge(self, order)
        return Outcome(order_answer(order), [order, *book.changed])

    def change_line(
        self, oid: UUID, sku: str, cmd: ChangeLine, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._change_line, oid, sku, cmd)

    def _change_line(self, oid: UUID, sku: str, cmd: ChangeLine) -> Outcome:
        order = self.order(oid)
        book = StockBook(self)
        release(order, order.change_quantity(sku, cmd.quantity), book)
        allocate(self, order, Trigger.CHANGED, "quantity changed", book)
        judge(self, order)
        released = release_cleared(self, order.customer.id, [order])  # a decrease
        return Outcome(order_answer(order), [order, *released, *book.changed])

    def record_payment(
        self, oid: UUID, cmd: RecordPayment, *, idempotency_key: str | None = None
    ) -> Answer:
        return self.run(idempotency_key, self._record_payment, oid, cmd)

    def _record_payment(self, oid: UUID, cmd: RecordPayment) -> Outcome:
        order = self.order(oid)
        order.record_payment(cmd.amount, cmd.method, cmd.reference)
        released = release_cleared(self, order.customer.id, [order])
        answer = {**order_answer(order), "paid": str(order.paid), "owed": str(order.owed)}
        return Outcome(answer, [order, *released])

    def close_order(self, oid: UUID, *, idempotency_key: str | None = None) -> Answer:
        return self.run(idempotency_key, self._close_order, oid)

    def _close_order(self, oid: UUID) -> Outcome:
        order = self.order(oid)
        order.close([r for r in order.returns if self.return_(UUID(r)).is_open])
        return Outcome(order_answer(order), [order])


# The domain's values of a validated command, read from its fields (no dump to a dict and
# back): what `from_dict` makes of the command's dump, with the same types.


def _customer(c: Customer) -> CustomerDetails:
    return CustomerDetails(c.id, c.name, c.email, c.phone)


def _address(a: Address) -> DomainAddress:
    return DomainAddress(a.line1, a.city, a.postal_code, a.country, a.region, a.lat, a.lon)


def _delivery(d: DeliveryCommand) -> Delivery:
    return Delivery(d.method, _address(d.address) if d.address else None, d.pickup_node)


def _payment(p: PaymentAuthorization) -> Payment:
    return Payment(p.method, p.authorized_amount, p.billing_country)
