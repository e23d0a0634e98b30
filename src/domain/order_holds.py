"""Holds on an order: placed by an agent or by a hold rule, released when they clear."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate

from domain.errors import NotAllowed, NotFound
from domain.holds import Verdict
from domain.order_guards import refuse_if_cancelled
from domain.values import HoldType, OrderStatus

if TYPE_CHECKING:
    from domain.order import Order
    from domain.order_state import OrderState


class HoldPlaced(Aggregate.Event):
    """A hold; `rule` and `rules_version` name the hold rule that placed it (None: an agent)."""

    TOPIC = "oms:Order.HoldPlaced"
    class_version = 2
    hold_type: str
    reason: str
    rule: str | None
    rules_version: int | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state.update(rule=None, rules_version=None)

    def apply(self, order: OrderState) -> None:
        order.holds[self.hold_type] = self.reason
        if self.rule is not None:
            order.auto_holds[self.hold_type] = self.rule


class HoldReleased(Aggregate.Event):
    """A hold released; `rule` set when its cause cleared, None when an agent released it."""

    TOPIC = "oms:Order.HoldReleased"
    class_version = 2
    hold_type: str
    rule: str | None
    reason: str | None

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state.update(rule=None, reason=None)

    def apply(self, order: OrderState) -> None:
        del order.holds[self.hold_type]
        order.auto_holds.pop(self.hold_type, None)


def place_hold(order: Order, hold_type: HoldType, reason: str) -> None:
    order.ensure_open()
    refuse_if_cancelled(order, "place a hold")
    if order.status in (OrderStatus.SHIPPED, OrderStatus.DELIVERED):
        raise NotAllowed(f"order {order.id} is {order.status}: nothing left to hold")
    if str(hold_type) in order.holds:
        raise NotAllowed(f"order {order.id} already has a {hold_type} hold")
    order.trigger_event(
        order.HoldPlaced, hold_type=str(hold_type), reason=reason, rule=None, rules_version=None
    )


def release_hold(order: Order, hold_type: HoldType) -> None:
    if str(hold_type) not in order.holds:
        raise NotFound(f"order {order.id} has no {hold_type} hold")
    order.trigger_event(order.HoldReleased, hold_type=str(hold_type), rule=None, reason=None)


def judge(order: Order, verdicts: dict[HoldType, Verdict], rules_version: int) -> None:
    """Place the holds the rules call for; release those a rule placed and now clears.

    Holds an agent placed stay until the agent releases them.
    """
    for verdict in verdicts.values():
        kind = str(verdict.hold_type)
        if verdict.held and kind not in order.holds and _holdable(order):
            order.trigger_event(
                order.HoldPlaced,
                hold_type=kind,
                reason=verdict.reason,
                rule=verdict.rule,
                rules_version=rules_version,
            )
        elif not verdict.held and kind in order.auto_holds:
            order.trigger_event(
                order.HoldReleased, hold_type=kind, rule=verdict.rule, reason=verdict.reason
            )


def _holdable(order: Order) -> bool:
    return not order.closed and order.status not in (
        OrderStatus.SHIPPED,
        OrderStatus.DELIVERED,
        OrderStatus.CANCELLED,
    )
