"""How an order takes the hold rules' verdicts: each way a hold is placed or released."""

from decimal import Decimal

import pytest

from domain.errors import NotFound
from domain.holds import Verdict
from domain.order import Order
from domain.values import HoldType, OrderStatus
from tests.unit.domain.builders import an_allocated_order, events_of, only_shipment, walk

CREDIT = HoldType.CREDIT


def held(rule: str = "credit.limit") -> dict[HoldType, Verdict]:
    return {CREDIT: Verdict(CREDIT, True, rule, "over the limit")}


def clear() -> dict[HoldType, Verdict]:
    return {CREDIT: Verdict(CREDIT, False, "credit", "within the limit")}


def by_rule() -> Order:
    order = an_allocated_order()
    order.judge(held(), 3)
    return order


def by_agent() -> Order:
    order = an_allocated_order()
    order.place_hold(CREDIT, "agent says wait")
    return order


@pytest.mark.parametrize(
    ("start", "verdicts", "holds", "auto_holds", "new_events"),
    [
        (
            an_allocated_order,
            held,
            {"CREDIT": "over the limit"},
            {"CREDIT": "credit.limit"},
            ["HoldPlaced"],
        ),
        (an_allocated_order, clear, {}, {}, []),
        (by_rule, held, {"CREDIT": "over the limit"}, {"CREDIT": "credit.limit"}, []),
        (by_rule, clear, {}, {}, ["HoldReleased"]),
        (by_agent, clear, {"CREDIT": "agent says wait"}, {}, []),
        (by_agent, held, {"CREDIT": "agent says wait"}, {}, []),
    ],
    ids=[
        "a broken rule places its hold",
        "a clear verdict on a free order does nothing",
        "a hold already placed is not placed twice",
        "a rule's hold is released when its cause clears",
        "an agent's hold is not released by the rules",
        "an agent's hold is not doubled by a rule",
    ],
)
def test_verdicts_place_and_release_holds(start, verdicts, holds, auto_holds, new_events) -> None:
    order = start()
    order.collect_events()

    order.judge(verdicts(), 3)

    assert order.holds == holds
    assert order.auto_holds == auto_holds
    assert events_of(order) == new_events


def test_a_rule_hold_records_its_rule_version_and_reason_and_its_release_why() -> None:
    order = by_rule()
    order.judge(clear(), 4)
    placed, released = order.collect_events()[-2:]
    assert (placed.rule, placed.rules_version, placed.reason) == (
        "credit.limit",
        3,
        "over the limit",
    )
    assert (released.rule, released.reason) == ("credit", "within the limit")


def test_an_agent_may_release_a_rule_hold() -> None:
    order = by_rule()
    order.release_hold(CREDIT)
    released = order.collect_events()[-1]
    assert (released.rule, released.reason) == (None, None)
    assert order.status == OrderStatus.ALLOCATED
    with pytest.raises(NotFound):
        order.release_hold(CREDIT)


def test_a_shipped_order_is_not_held_by_a_rule() -> None:
    order = an_allocated_order()
    walk(order, only_shipment(order), "pick", "pack", "ship")
    order.judge(held(), 1)
    assert order.holds == {}
    assert order.invoiced == Decimal("20.00")


def test_events_stored_before_rule_holds_read_back_as_an_agents() -> None:
    state = {"hold_type": "FRAUD", "reason": "check"}
    Order.HoldPlaced.upcast_v1_v2(state)
    assert state == {"hold_type": "FRAUD", "reason": "check", "rule": None, "rules_version": None}
    state = {"hold_type": "FRAUD"}
    Order.HoldReleased.upcast_v1_v2(state)
    assert state == {"hold_type": "FRAUD", "rule": None, "reason": None}
