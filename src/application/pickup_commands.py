"""Cancelling pickup orders nobody collected: the command the pickup expiry policy issues."""

from __future__ import annotations

from uuid import UUID

from application.allocation import StockBook, release
from application.answers import order_answer
from application.base import OMSBase
from application.command import Answer, Outcome
from domain.values import ShipmentStatus


class PickupCommands(OMSBase):
    def expire_pickup(self, oid: UUID, sid: UUID) -> Answer:
        """Cancel what is still open of an order whose shipment waited for its customer
        longer than the rules' `pickup_expiry_days`, and release its stock.

        Answers `expired` false (and changes nothing) when the shipment is no longer
        waiting: collected, cancelled, or expired already by another process.
        """
        return self.run(None, self._expire_pickup, oid, sid)

    def _expire_pickup(self, oid: UUID, sid: UUID) -> Outcome:
        order = self.order(oid)
        if order.closed or order.shipment(sid).status is not ShipmentStatus.READY_FOR_PICKUP:
            return Outcome({**order_answer(order), "expired": False})
        days = self.current_rules()[1].pickup_expiry_days
        book = StockBook(self)
        release(
            order, order.cancel(f"not collected within {days} days of being ready for pickup"), book
        )
        return Outcome({**order_answer(order), "expired": True}, [order, *book.changed])
