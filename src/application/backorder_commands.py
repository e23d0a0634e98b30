"""Allocating backorders when stock becomes available: the command the arrival policy issues.

Stock of a SKU became available at a node (a receipt, a count up, a transfer received, a
restocked return, a reservation released). The orders waiting for that SKU are sourced
again under the current rules, oldest order first, and saved with their reservations and
the policy's cursor in one transaction (see policy_cursor.py): exactly once in effect,
however many processes run the policy. Like every command it is decided on the writer,
against the writer's own aggregates.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from application.allocation import StockBook, allocate
from application.base import OMSBase
from application.command import Answer, Outcome
from application.policy_cursor import PolicyCursor, cursor_id
from domain.order import Order
from domain.sourcing import Trigger
from domain.stock_preorders import fillable

ARRIVALS = "backorders-on-arrival"
BATCH = 200  # waiting orders one command looks at, at most


@dataclass(frozen=True)
class Arrival:
    """Stock of `sku` may have become available (`reason` says how) at log `position`, at
    `node_code` (None: at no node in particular).

    `skip`: waiting orders earlier rounds for this arrival looked at and could not serve.
    """

    position: int
    sku: str
    reason: str
    node_code: str | None = None
    skip: int = 0


class BackorderCommands(OMSBase):
    def allocate_backorders(self, arrival: Arrival) -> Answer:
        """Fill the preorders the stock at the node now covers, oldest first; then allocate
        what the orders waiting for the SKU can get, oldest order first.

        Answers the orders allocated and those whose preorders were filled, `more` when
        orders beyond this round may still be served (the next round skips `skip` orders
        that could not be), and `passed` when the policy had already acted on a later
        arrival.
        """
        return self.run(None, self._allocate_backorders, arrival)

    def _allocate_backorders(self, arrival: Arrival) -> Outcome:
        cursor = self.policy_cursor(ARRIVALS)
        if cursor.passed(arrival.position):
            return Outcome(_answer(arrival, [], [], more=False, skip=arrival.skip, passed=True))
        book, allocated, looked = StockBook(self), [], 0
        filled = self._fill_preorders(arrival, book)
        for oid in self.backorders.waiting(arrival.sku)[arrival.skip :]:
            if looked == BATCH or not self._in_stock(arrival.sku, book):
                break
            looked += 1
            order = self.order(oid)
            if order.closed or arrival.sku not in order.to_source():
                continue  # the index had not yet learned the order's last change
            if allocate(self, order, Trigger.RESTOCKED, arrival.reason, book, progress_only=True):
                allocated.append(order)
        skip = arrival.skip + looked - len(allocated)
        more = looked == BATCH
        answer = _answer(arrival, allocated, filled, more=more, skip=skip, passed=False)
        if not allocated and not filled:
            return Outcome(answer)
        cursor.advance(arrival.position)
        orders = {order.id: order for order in [*filled, *allocated]}
        return Outcome(answer, [*orders.values(), *book.changed, cursor])

    def _fill_preorders(self, arrival: Arrival, book: StockBook) -> list[Order]:
        """Reserve on hand what the preorders at the node waited for, oldest first, as far
        as the stock that arrived goes."""
        if arrival.node_code is None:
            return []
        node, sku, filled = arrival.node_code, arrival.sku, []
        for oid, sid in self.preorders.waiting(node, sku):
            order = self.order(oid)
            shipment = order.shipments.get(str(sid))
            if shipment is None or sku not in shipment.waits_for:
                continue  # the index had not yet learned the order's last change
            quantity = shipment.quantity(sku)
            if quantity > fillable(book.get(node, sku)):
                break
            book.change(node, sku).fill_preorder(str(sid), quantity)
            order.preorder_arrived(sid, sku)
            filled.append(order)
        return filled

    def pass_arrivals(self, position: int) -> Answer:
        """Store that the arrival policy has read the log up to `position` and acted on
        every arrival there (nothing was left to do): a restarted policy resumes there."""
        return self.run(None, self._pass_arrivals, position)

    def _pass_arrivals(self, position: int) -> Outcome:
        cursor = self.policy_cursor(ARRIVALS)
        stored = cursor.position < position
        cursor.advance(position)
        return Outcome({"cursor": cursor.position}, [cursor] if stored else [])

    def policy_cursor(self, policy: str) -> PolicyCursor:
        """How far the policy has acted (a new cursor at 0 if it never did)."""
        found = self.find(cursor_id(policy))
        return found if isinstance(found, PolicyCursor) else PolicyCursor.start(policy)

    def _in_stock(self, sku: str, book: StockBook) -> bool:
        return any(book.available(code, sku) > 0 for code in self.network.holders(sku))


def _answer(
    arrival: Arrival,
    allocated: list[Order],
    filled: list[Order],
    *,
    more: bool,
    skip: int,
    passed: bool,
) -> dict[str, Any]:
    return {
        "sku": arrival.sku,
        "arrival": arrival.position,
        "allocated": [str(order.id) for order in allocated],
        "filled": [str(order.id) for order in filled],
        "more": more,
        "skip": skip,
        "passed": passed,
    }
