"""Promising: what the engine would decide for an order now, with dates, reserving nothing.

A pickup whose store lacks some lines is promised as placement would serve it: those lines
come by TRANSFER from the nodes `application.transfers` would choose, dated by
`domain.promise` (shipped at the sending node, arriving at the store by distance, ready
for pickup that day).

Both run on the writer thread: candidate lookup reads hundreds of node and stock
aggregates per decision, and only the writer holds them cached (any other thread would
read each one from the store).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from typing import Any, NamedTuple

from application.allocation import plan_for
from application.base import OMSBase
from application.collector import collector_paused
from application.promise_input import PromiseRequest
from application.transfers import send_to_store
from domain.order_transfers import Transfers
from domain.promise import delivery_date, ship_date
from domain.sourcing import Candidate, Plan, Request
from domain.sourcing_explanation import candidate_rows
from domain.values import DeliveryMethod, GeoPoint, ShipmentType


class Decision(NamedTuple):
    plan: Plan
    chosen: list[Candidate]  # the candidates the plan ships from
    at: datetime
    transfers: Transfers | None = None  # a pickup: what other nodes send to the store
    senders: Sequence[Candidate] = ()  # the candidates the transfers leave from


class PromiseQueries(OMSBase):
    def decide(self, request: Request) -> Decision:
        """The plan the rules in force would choose for `request` now, reserving nothing,
        from candidates looked up in the writer's cached aggregates (every one is in the
        plan's explanation)."""
        return self.writer.read(lambda: self._decide(request))

    def _decide(self, request: Request) -> Decision:
        # What the decision allocates is freed when `_decided` returns, before the
        # collector runs again (see application.collector).
        with collector_paused():
            return self._decided(request)

    def _decided(self, request: Request) -> Decision:
        now = datetime.now(UTC)
        candidates = self.network.candidates(request.lines, now)
        plan = plan_for(self, request, candidates, now, refuse_backorders=False)
        chosen = [c for c in candidates if c.node_code in plan.shipments]
        del candidates
        store = request.pickup_node
        if request.method is DeliveryMethod.PICKUP and store and plan.backorders:
            plan, transfers, senders = send_to_store(
                self,
                plan,
                store,
                lines={},
                exclude=request.exclude,
                channel=request.channel,
                now=now,
            )
            return Decision(plan, chosen, now, transfers, senders)
        return Decision(plan, chosen, now)

    def promise(self, cmd: PromiseRequest) -> dict[str, Any]:
        """Ship and delivery dates per shipment of the plan the rules in force would choose."""
        return self.writer.read(lambda: self._promise(cmd))

    def _promise(self, cmd: PromiseRequest) -> dict[str, Any]:
        self.follower.catch_up()
        address = cmd.delivery.address
        request = Request(
            lines={ln.sku: ln.quantity for ln in cmd.lines},
            method=cmd.delivery.method,
            destination=GeoPoint(address.lat, address.lon)
            if address and address.lat is not None and address.lon is not None
            else None,
            pickup_node=cmd.delivery.pickup_node,
            channel=cmd.channel,
        )
        decision = self._decide(request)
        plan, now = decision.plan, decision.at
        considered = candidate_rows(plan.explanation)
        kind = ShipmentType.PICKUP if request.method is DeliveryMethod.PICKUP else ShipmentType.SHIP
        shipments = _dated(plan.shipments, decision.chosen, considered, now, kind)
        explanation = {**plan.explanation, "candidates": considered}
        if decision.transfers is not None:
            sent = explanation["transfers"]
            rows = candidate_rows(sent)
            explanation["transfers"] = {**sent, "candidates": rows}
            shipments += _dated(
                decision.transfers.shipments,
                decision.senders,
                rows,
                now,
                ShipmentType.TRANSFER,
                decision.transfers.to_node,
            )
        latest = max((s["delivery_date"] for s in shipments), default=None)
        on_time = None
        if cmd.requested_date is not None:
            on_time = not plan.backorders and latest is not None and latest <= cmd.requested_date
        return {
            "shipments": shipments,
            "on_time": on_time,
            "backorders": [{"sku": s, "quantity": q} for s, q in sorted(plan.backorders.items())],
            "rules_version": plan.explanation["rules_version"],
            "explanation": explanation,
        }


def _dated(
    planned: Mapping[str, Mapping[str, int]],
    candidates: Sequence[Candidate],
    considered: list[dict[str, Any]],
    now: datetime,
    kind: ShipmentType,
    transfer_to: str | None = None,
) -> list[dict[str, Any]]:
    """Shipments by node, dated: a transfer's `delivery_date` is when it reaches the store
    (`considered` measures distances to it), ready for pickup there that day."""
    by_code = {c.node_code: c for c in candidates}
    distances = {c["node"]: c["distance_km"] for c in considered}
    shipments = []
    for code, lines in sorted(planned.items()):
        shipped: date = ship_date(by_code[code], now)
        shipments.append(
            {
                "node_code": code,
                "lines": [{"sku": s, "quantity": q} for s, q in sorted(lines.items())],
                "ship_date": shipped,
                "delivery_date": delivery_date(shipped, distances[code]),
                "type": kind,
                "transfer_to": transfer_to,
            }
        )
    return shipments
