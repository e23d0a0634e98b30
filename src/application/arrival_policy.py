"""The arrival policy: when stock becomes available, allocate the backorders waiting for it.

It follows the event log (not the endpoints that change stock): a receipt, a count up, a
transfer received, a restocked return, a reservation released by a cancellation or a
rejection, a lowered safety stock; and an allocation that backordered, in case stock had
arrived that its command (decided in another process) did not see yet. The arrivals of one
read are coalesced per SKU and node (the latest names the round) and acted on in log order
through `allocate_backorders`, which the writer decides and saves with the policy's
cursor. A process starts (or restarts after a crash) at the stored cursor and reads the
event there again: its command may have been one of several rounds. Arrivals that needed
nothing done move the cursor too, once `save_after` of them were read since it was last
stored (`pass_arrivals`), so a restart re-reads at most about that many (not the log from
the last effect, or from its start). A count, not a timer: the policy writes nothing while
the log is quiet. Several processes may run the policy at once
(see policy_cursor.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from application.actor import Actor, acting_as
from application.background import Background
from application.backorder_commands import ARRIVALS, Arrival
from domain.node_stock import NodeStock
from domain.order import Order

if TYPE_CHECKING:
    from application.oms import OMS

# How each event that may make stock available says what happened (None: it did not).
ARRIVALS_BY_TOPIC: dict[str, Callable[[Any], str | None]] = {
    NodeStock.Received.TOPIC: lambda e: f"{e.quantity} received",
    NodeStock.Adjusted.TOPIC: lambda e: f"counted up by {e.delta}" if e.delta > 0 else None,
    NodeStock.TransferReceived.TOPIC: lambda e: f"transfer of {e.quantity} received",
    NodeStock.Restocked.TOPIC: lambda e: f"{e.quantity} restocked from {e.reference}",
    NodeStock.Released.TOPIC: lambda e: f"{e.quantity} released by {e.reference}",
    NodeStock.SafetyStockSet.TOPIC: lambda e: f"safety stock set to {e.quantity}",
}
TOPICS = [*ARRIVALS_BY_TOPIC, Order.Allocated.TOPIC]


class ArrivalPolicy(Background):
    """Reads the log from the stored cursor on and issues `allocate_backorders` commands."""

    name = ARRIVALS

    def __init__(
        self,
        app: OMS,
        *,
        batch: int = 1000,
        poll_interval: float = 0.1,
        save_after: int = 1000,
    ) -> None:
        super().__init__(poll_interval)
        self.app, self.batch, self.save_after = app, batch, save_after
        self._position: int | None = None  # the next to read (None: the stored cursor)
        self._stored = 0  # the cursor as this process last knew it stored
        self._unsaved = 0  # arrivals read since then

    def run_once(self) -> int:
        """Act on the arrivals recorded since the last look, up to the log's head; how
        many rounds saved effects."""
        acted, full = 0, True
        while full:
            start = self._position
            if start is None:
                start = self._stored = self.app.policy_cursor(ARRIVALS).position
            notifications = self.app.recorder.select_notifications(
                start=start, limit=self.batch, topics=TOPICS, inclusive_of_start=True
            )
            # Read after the arrivals: the indexes know every stock record and backorder
            # recorded up to them.
            self.app.follower.catch_up()
            arrivals: dict[tuple[str, str | None], Arrival] = {}
            events = self.app.decoded.of(notifications)
            for notification, event in zip(notifications, events, strict=True):
                for arrival in self._arrivals(notification, event):
                    key = (arrival.sku, arrival.node_code)
                    arrivals.pop(key, None)  # in the order of their latest arrival
                    if arrival.node_code is not None:  # it serves earlier backorders too
                        arrivals.pop((arrival.sku, None), None)
                    arrivals[key] = arrival
            acted += sum(self._act(arrival) for arrival in arrivals.values())
            if notifications:
                self._position = notifications[-1].id + 1
                self._unsaved += len(notifications)
            full = len(notifications) == self.batch
        self._keep_place()
        return acted

    def _keep_place(self) -> None:
        """Store how far the policy has read once `save_after` arrivals were read since it
        last did: every arrival read so far has been acted on."""
        read = (self._position or 0) - 1
        if read <= self._stored or self._unsaved < self.save_after:
            return
        with acting_as(Actor.policy(ARRIVALS, request_id=f"log-{read}")):
            self._stored = self.app.pass_arrivals(read)["cursor"]
        self._unsaved = 0

    def _arrivals(self, notification: Any, event: Any) -> list[Arrival]:
        if isinstance(event, Order.Allocated):
            return [
                Arrival(notification.id, sku, "stock available when it was backordered")
                for sku, quantity in event.backordered.items()
                if quantity > 0
            ]
        what = ARRIVALS_BY_TOPIC[notification.topic](event)
        record = self.app.network.record(event.originator_id)
        if what is None or record is None:
            return []
        code, sku = record
        return [Arrival(notification.id, sku, f"stock arrived at {code}: {what}", code)]

    def _act(self, arrival: Arrival) -> int:
        acted = 0
        actor = Actor.policy(ARRIVALS, request_id=f"log-{arrival.position}")
        while self._pending(arrival):
            with acting_as(actor):
                answer = self.app.allocate_backorders(arrival)
            acted += bool(answer["allocated"] or answer["filled"])
            if not answer["more"]:
                break
            arrival = replace(arrival, skip=answer["skip"])
        return acted

    def _pending(self, arrival: Arrival) -> bool:
        """Whether orders wait for the SKU, or preorders for its supply at the node."""
        code = arrival.node_code
        preorders = code is not None and bool(self.app.preorders.waiting(code, arrival.sku))
        return preorders or bool(self.app.backorders.waiting(arrival.sku))
