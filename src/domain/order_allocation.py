"""What sourcing gave an order (shipments, backorders) and what a cancellation takes back."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotAllowed
from domain.kits import in_parts, kits_touched, refresh_kit_backorders
from domain.order_preorders import Preorders
from domain.order_transfers import Transfers, arrive_if_complete
from domain.order_values import Quantities, value_of
from domain.shipment import GONE, NewShipment, Reduction, Shipment
from domain.sourcing import Plan
from domain.sourcing_columns import columnar_explanation
from domain.sourcing_legacy import legacy_explanation
from domain.values import ShipmentStatus, child_id, id_text

if TYPE_CHECKING:
    from domain.order import Order
    from domain.order_state import OrderState


class Allocated(Aggregate.Event):
    """Shipments were created for unsourced quantities; the rest is backordered.

    Version 2 explanations name the rules version, the trigger and every candidate
    (see domain.sourcing); version 1 ones are read through `legacy_explanation`.
    Version 3 keeps the candidates as columns (domain.sourcing_columns); version 2 kept
    one object per candidate. Version 4 shipments are `NewShipment` values; earlier ones
    were plain objects.
    """

    TOPIC = "oms:Order.Allocated"
    class_version = 4
    reason: str
    shipments: Sequence[NewShipment]
    backordered: Quantities
    explanation: dict[str, Any]

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["explanation"] = legacy_explanation(
            state["reason"], state["explanation"], state["shipments"]
        )

    @staticmethod
    def upcast_v2_v3(state: dict[str, Any]) -> None:
        state["explanation"] = columnar_explanation(state["explanation"])

    @staticmethod
    def upcast_v3_v4(state: dict[str, Any]) -> None:
        state["shipments"] = tuple(value_of(NewShipment, s) for s in state["shipments"])

    def apply(self, order: OrderState) -> None:
        for s in self.shipments:
            sid = s.shipment_id
            order.shipments[id_text(sid)] = Shipment(
                sid,
                s.node_code,
                dict(s.lines),
                awaiting=s.awaiting,
                promised=s.promised_date,
                transfer_to=s.transfer_to,
            )
        for sku, qty in self.backordered.items():
            line = order.lines.get(sku)
            if line is not None and not line.components:
                line.backordered = qty
        refresh_kit_backorders(order)


class Cancelled(Aggregate.Event):
    """Quantities cancelled: taken from the backorder first, then from open shipments.

    Version 2 reductions are `Reduction` values; earlier ones were plain objects.
    """

    TOPIC = "oms:Order.Cancelled"
    class_version = 2
    reason: str
    lines: Quantities
    from_shipments: Sequence[Reduction]

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["from_shipments"] = tuple(value_of(Reduction, r) for r in state["from_shipments"])

    def apply(self, order: OrderState) -> None:
        taken: Quantities = {}
        for r in self.from_shipments:
            order.shipments[str(r.shipment_id)].reduce(r.sku, r.quantity)
            taken[r.sku] = taken.get(r.sku, 0) + r.quantity
        for sku, qty in self.lines.items():
            line = order.lines[sku]
            line.cancelled += qty
            line.backordered = max(0, line.backordered - (qty - taken.get(sku, 0)))
        refresh_kit_backorders(order)


def allocate(
    order: Order,
    plan: Plan,
    reason: str,
    preorders: Preorders | None = None,
    transfers: Transfers | None = None,
) -> list[Shipment]:
    """Record a sourcing plan for what `to_source` returned; returns the new shipments.

    `preorders` places part of the rest on supply still in transit (see order_preorders),
    `transfers` sends part of it to the pickup store from other nodes (order_transfers).
    """
    order.ensure_open()
    wanted = order.to_source()
    # Each new shipment: node, lines, and what else its NewShipment says.
    parts: list[tuple[str, Mapping[str, int], dict[str, Any]]] = [
        (node, lines, {}) for node, lines in sorted(plan.shipments.items())
    ]
    if transfers is not None:
        parts += [
            (node, lines, {"transfer_to": transfers.to_node})
            for node, lines in sorted(transfers.shipments.items())
        ]
    if preorders is not None:
        parts += [
            (node, lines, preorders.shipment(node))
            for node, lines in sorted(preorders.shipments.items())
        ]
    planned: Quantities = {}
    for _, lines, _ in parts:
        for sku, qty in lines.items():
            planned[sku] = planned.get(sku, 0) + qty
    if any(qty > wanted.get(sku, 0) for sku, qty in planned.items()):
        raise InvalidRequest("the plan sources more than the order still needs")
    first = len(order.shipments) + 1
    shipments = tuple(
        NewShipment(child_id(order.id, f"shipment-{first + n}"), node, dict(lines), **extra)
        for n, (node, lines, extra) in enumerate(parts)
    )
    order.trigger_event(
        order.Allocated,
        reason=reason,
        shipments=shipments,
        backordered={sku: qty - planned.get(sku, 0) for sku, qty in wanted.items()},
        explanation=plan.explanation,
    )
    return [order.shipments[id_text(s.shipment_id)] for s in shipments]


def rejected_nodes(order: Order) -> frozenset[str]:
    """The nodes that rejected a shipment of the order: re-sourcing passes them over."""
    return frozenset(
        s.node_code for s in order.shipments.values() if s.status == ShipmentStatus.REJECTED
    )


def cancel(order: Order, reason: str, lines: Quantities | None = None) -> list[Reduction]:
    """Cancel quantities (all that is still open when `lines` is None).

    Returns the shipment reductions, whose reservations the caller must release.
    """
    order.ensure_open()
    open_qty = {sku: _cancellable(order, sku) for sku in order.lines}
    if lines is None:
        lines = {sku: qty for sku, qty in open_qty.items() if qty > 0}
        if not lines:
            raise NotAllowed(f"order {order.id} has nothing left to cancel")
    for sku, qty in lines.items():
        if sku not in order.lines:
            raise InvalidRequest(f"order {order.id} has no line for {sku}")
        if qty <= 0 or qty > open_qty[sku]:
            raise NotAllowed(f"cannot cancel {qty} of {sku}: {open_qty[sku]} still open")
    reductions = _reductions(order, in_parts(order.lines, lines))
    order.trigger_event(
        order.Cancelled, reason=reason, lines=dict(lines), from_shipments=tuple(reductions)
    )
    for sid in dict.fromkeys(r.shipment_id for r in reductions):
        arrive_if_complete(order, order.shipments[str(sid)])  # what is left is at the store
    return reductions


def _cancellable(order: Order, sku: str) -> int:
    line = order.lines[sku]
    gone: Counter[str] = Counter()
    for shipment in order.shipments.values():
        if shipment.status in GONE and not shipment.cancellable:
            gone.update(shipment.lines)
    return line.effective - kits_touched(line, gone)


def _reductions(order: Order, lines: Quantities) -> list[Reduction]:
    """Open shipments' units to take, fullest shipment first, beyond what is unsourced."""
    reductions = []
    unsourced = order.to_source()
    for sku, qty in lines.items():
        left = qty - unsourced.get(sku, 0)
        for shipment in sorted(order.shipments.values(), key=lambda s: -s.quantity(sku)):
            if left <= 0:
                break
            take = min(left, shipment.quantity(sku)) if shipment.cancellable else 0
            if take:
                reductions.append(Reduction(shipment.id, shipment.held_at, sku, take))
                left -= take
    return reductions
