"""Lifecycle guards: each refusal, and the state next door that is still allowed."""

from collections.abc import Callable
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from domain.daily_load import DailyLoad
from domain.errors import InvalidRequest, NotAllowed
from domain.order import Order
from domain.order_guards import check_known_skus
from domain.return_ import Return
from domain.return_values import ReturnLine
from domain.values import Capability, HoldType, ReturnMethod, ShipmentStatus
from tests.unit.domain.builders import (
    ADDRESS,
    a_delivered_order,
    a_node,
    a_shipment_in,
    an_allocated_order,
    events_of,
    only_shipment,
    walk,
)

MOVED = {**ADDRESS, "city": "Rotterdam"}

# What a cancelled order may no longer do; each is allowed on an allocated order.
CHANGES: dict[str, Callable[[Order], Any]] = {
    "hold": lambda o: o.place_hold(HoldType.FRAUD, "score 97"),
    "payment": lambda o: o.record_payment(Decimal("1.00"), "card", "PAY-1"),
    "address": lambda o: o.change_address(MOVED),
    "add line": lambda o: o.add_line("SKU-2", 1, Decimal("5.00")),
    "increase line": lambda o: o.change_quantity("SKU-1", 5),
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_a_cancelled_order_cannot_be_held_paid_or_changed(change):
    order = an_allocated_order()
    order.cancel("customer")
    order.collect_events()

    with pytest.raises(NotAllowed, match="cancelled"):
        change(order)
    assert events_of(order) == []


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_an_open_order_can_be_held_paid_and_changed(change):
    order = an_allocated_order()
    order.collect_events()

    change(order)

    assert events_of(order)


@pytest.mark.parametrize(
    ("status", "refusal"),
    [
        (ShipmentStatus.ALLOCATED, "open quantities"),
        (ShipmentStatus.PICKED, "open quantities"),
        (ShipmentStatus.PACKED, "open quantities"),
        (ShipmentStatus.SHIPPED, "in flight"),
    ],
)
def test_an_order_cannot_close_while_a_shipment_is_open_or_in_flight(status, refusal):
    order, _ = a_shipment_in(status)
    order.cancel("customer", {"SKU-2": 1})  # only the shipment under test is left
    order.collect_events()

    with pytest.raises(NotAllowed, match=refusal):
        order.close()
    assert events_of(order) == []


def test_an_order_cannot_close_while_a_return_is_open():
    order = a_delivered_order()
    return_id = uuid4()
    order.record_return(return_id, {"SKU-1": 1})
    order.collect_events()

    with pytest.raises(NotAllowed, match="open return"):
        order.close([str(return_id)])
    assert events_of(order) == []
    order.close([])
    assert events_of(order) == ["Closed"]


@pytest.mark.parametrize(
    ("capabilities", "active", "refused"),
    [
        ((Capability.SHIP, Capability.RETURNS), True, None),
        ((Capability.SHIP, Capability.PICKUP), True, "does not take returns"),
        ((Capability.SHIP, Capability.RETURNS), False, "inactive"),
    ],
)
def test_a_store_return_is_authorised_only_at_an_active_node_taking_returns(
    capabilities, active, refused
):
    node = a_node("ST1", capabilities=capabilities)
    if not active:
        node.deactivate()
    lines = [ReturnLine("SKU-1", 1, "too small")]

    def authorize() -> Return:
        return Return.authorize(uuid4(), uuid4(), lines, ReturnMethod.STORE, "ST1", node=node)

    if refused is None:
        assert authorize().node_code == "ST1"
    else:
        with pytest.raises(InvalidRequest, match=refused):
            authorize()


@pytest.mark.parametrize(
    ("skus", "unknown"),
    [
        (["TEE"], None),
        (["TEE", "KIT-1"], None),
        (["TEE", "GHOST"], "GHOST"),
        (["ZED", "GHOST"], "GHOST, ZED"),
    ],
)
def test_a_sku_nobody_stocks_or_expects_and_no_kit_is_refused(skus, unknown):
    known = {"TEE", "KIT-1"}.__contains__
    if unknown is None:
        check_known_skus(skus, known)
    else:
        with pytest.raises(InvalidRequest, match=f"unknown SKU {unknown}"):
            check_known_skus(skus, known)


def test_an_address_change_after_picking_is_refused_and_withdraws_nothing():
    order = an_allocated_order()
    walk(order, only_shipment(order), "pick")
    order.collect_events()

    with pytest.raises(NotAllowed, match="picked"):
        order.change_address(MOVED)
    assert events_of(order) == []


DAY = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("what_happened", "used"),
    [
        (lambda load: None, 1),
        (lambda load: load.reduced("s1", 2), 1),  # partly cancelled: still a shipment
        (lambda load: load.reduced("s1", 3), 0),  # cancelled to nothing
        (lambda load: load.dropped("s1"), 0),  # rejected or withdrawn
        (lambda load: (load.left("s1"), load.dropped("s1")), 1),  # left: nothing frees it
    ],
    ids=["allocated", "partly cancelled", "cancelled", "rejected", "shipped"],
)
def test_a_shipment_that_will_never_leave_gives_its_daily_capacity_back(what_happened, used):
    load = DailyLoad()
    load.allocated("s1", "DC1", DAY, 3)
    load.allocated("s2", "DC2", DAY, 1)

    what_happened(load)

    assert load.used("DC1", DAY) == used
    assert load.used("DC2", DAY) == 1
