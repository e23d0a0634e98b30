"""Shipment steps: pick, pack, ship, deliver, ready for pickup, collect, reject."""

from __future__ import annotations

from uuid import UUID

from application.allocation import StockBook, allocate, release
from application.answers import order_answer
from application.base import OMSBase
from application.command import Answer, Outcome
from application.commands import RejectShipment, ScanShipment, ShipShipment
from domain.errors import InvalidRequest
from domain.shipment import LEAVES_NODE, Reduction, Step
from domain.sourcing import Trigger

# The steps `step_shipment` takes, by their names in REST paths.
FORWARD = {str(s): s for s in Step if s not in (Step.REJECT, Step.ARRIVE)}


class FulfilmentCommands(OMSBase):
    def step_shipment(
        self,
        oid: UUID,
        sid: UUID,
        step: str,
        cmd: ShipShipment | None = None,
        *,
        idempotency_key: str | None = None,
    ) -> Answer:
        """Any step but reject (named as in REST paths); `ship` takes the carrier and tracking
        number."""
        return self.run(idempotency_key, self._step_shipment, oid, sid, step, cmd)

    def _step_shipment(
        self, oid: UUID, sid: UUID, step: str, cmd: ShipShipment | None = None
    ) -> Outcome:
        if step not in FORWARD:
            raise InvalidRequest(f"unknown shipment step {step!r}")
        order = self.order(oid)
        shipment = order.step(
            sid,
            FORWARD[step],
            carrier=cmd.carrier if cmd else None,
            tracking_number=cmd.tracking_number if cmd else None,
            payment_terms_days=self.payment_terms(order.customer.id),
        )
        book = StockBook(self)
        if step in LEAVES_NODE:
            for sku, qty in shipment.lines.items():
                book.change(shipment.node_code, sku).ship(str(sid), qty)
                if shipment.transfer_to is not None and step == Step.SHIP:
                    store = book.change(shipment.transfer_to, sku)  # in transit there, held
                    store.expect_transfer(sid, shipment.node_code, qty)
                    store.preorder(str(sid), qty)
        return Outcome(order_answer(order), [order, *book.changed])

    def scan_shipment(
        self, oid: UUID, sid: UUID, cmd: ScanShipment, *, idempotency_key: str | None = None
    ) -> Answer:
        """A carrier scan; DELIVERED delivers the shipment."""
        return self.run(idempotency_key, self._scan_shipment, oid, sid, cmd)

    def _scan_shipment(self, oid: UUID, sid: UUID, cmd: ScanShipment) -> Outcome:
        order = self.order(oid)
        order.record_scan(sid, cmd.code, cmd.at, cmd.location)
        return Outcome(order_answer(order), [order])

    def reject_shipment(
        self, oid: UUID, sid: UUID, cmd: RejectShipment, *, idempotency_key: str | None = None
    ) -> Answer:
        """The node cannot fulfil: free its stock and source the lines elsewhere."""
        return self.run(idempotency_key, self._reject_shipment, oid, sid, cmd)

    def _reject_shipment(self, oid: UUID, sid: UUID, cmd: RejectShipment) -> Outcome:
        order = self.order(oid)
        shipment = order.step(sid, Step.REJECT, reason=cmd.reason)
        book = StockBook(self)
        release(
            order,
            (Reduction(sid, shipment.node_code, sku, qty) for sku, qty in shipment.lines.items()),
            book,
        )
        allocate(
            self, order, Trigger.REJECTED, f"re-sourced after {shipment.node_code} rejected", book
        )
        return Outcome(order_answer(order), [order, *book.changed])
