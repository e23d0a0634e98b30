"""The order status is derived from lines, shipments and holds: one case per status."""

import pytest

from domain.errors import NotAllowed, NotFound
from domain.values import HoldType, OrderStatus
from tests.unit.domain.builders import (
    a_delivered_order,
    a_placed_order,
    a_plan,
    an_allocated_order,
    only_shipment,
    shipment_at,
    walk,
)


def two_shipments():
    return an_allocated_order(
        ("SKU-1", 2, "10.00"),
        ("SKU-2", 1, "5.00"),
        shipments={"DC1": {"SKU-1": 2}, "DC2": {"SKU-2": 1}},
    )


def placed():
    return a_placed_order()


def on_hold():
    order = an_allocated_order()
    order.place_hold(HoldType.CREDIT, "limit")
    return order


def backordered():
    order = a_placed_order(("SKU-1", 3, "10.00"))
    order.allocate(a_plan({"DC1": {"SKU-1": 1}}), "placed")
    return order


def allocated():
    return an_allocated_order()


def partially_shipped():
    order = two_shipments()
    walk(order, shipment_at(order, "DC1"), "pick", "pack", "ship")
    return order


def shipped():
    order = an_allocated_order()
    walk(order, only_shipment(order), "pick", "pack", "ship")
    return order


def ready_for_pickup():
    order = an_allocated_order(pickup_node="ST1")
    walk(order, only_shipment(order), "pick", "ready-for-pickup")
    return order


def delivered():
    return a_delivered_order()


def cancelled():
    order = an_allocated_order()
    order.cancel("customer")
    return order


def closed():
    order = a_delivered_order()
    order.close()
    return order


SCENARIOS = {
    OrderStatus.PLACED: placed,
    OrderStatus.ON_HOLD: on_hold,
    OrderStatus.BACKORDERED: backordered,
    OrderStatus.ALLOCATED: allocated,
    OrderStatus.PARTIALLY_SHIPPED: partially_shipped,
    OrderStatus.SHIPPED: shipped,
    OrderStatus.READY_FOR_PICKUP: ready_for_pickup,
    OrderStatus.DELIVERED: delivered,
    OrderStatus.CANCELLED: cancelled,
    OrderStatus.CLOSED: closed,
}


def test_every_order_status_has_a_scenario():
    assert set(SCENARIOS) == set(OrderStatus)


@pytest.mark.parametrize("status", list(SCENARIOS))
def test_an_order_in_each_scenario_has_the_expected_status(status):
    assert SCENARIOS[status]().status == status


def test_a_hold_shows_over_a_partial_shipment():
    order = partially_shipped()
    order.place_hold(HoldType.FRAUD, "check")

    assert order.status == OrderStatus.ON_HOLD


def test_an_order_with_one_delivered_and_one_shipped_shipment_is_shipped():
    order = two_shipments()
    walk(order, shipment_at(order, "DC1"), "pick", "pack", "ship", "deliver")
    walk(order, shipment_at(order, "DC2"), "pick", "pack", "ship")

    assert order.status == OrderStatus.SHIPPED


def test_an_order_is_delivered_once_every_expected_unit_is_delivered():
    order = two_shipments()
    walk(order, shipment_at(order, "DC1"), "pick", "pack", "ship", "deliver")
    order.cancel("customer", {"SKU-2": 1})

    assert order.status == OrderStatus.DELIVERED


def test_a_backorder_shows_over_allocated_shipments():
    order = backordered()

    assert order.shipments
    assert order.status == OrderStatus.BACKORDERED


def test_a_rejected_shipment_no_longer_counts_as_allocated():
    order = an_allocated_order()
    order.step(only_shipment(order).id, "reject", reason="no stock")

    assert order.status == OrderStatus.PLACED


def test_a_pickup_ready_beside_an_allocated_shipment_is_ready_for_pickup():
    order = a_placed_order(("SKU-1", 1, "1.00"), ("SKU-2", 1, "1.00"), pickup_node="ST1")
    [ready] = order.allocate(a_plan({"ST1": {"SKU-1": 1}}), "placed")
    order.allocate(a_plan({"ST1": {"SKU-2": 1}}), "placed")
    walk(order, ready, "pick", "ready-for-pickup")

    assert order.status == OrderStatus.READY_FOR_PICKUP


def test_holds_are_placed_and_released_by_type():
    order = an_allocated_order()

    order.place_hold(HoldType.ADDRESS, "verify")
    assert (order.holds, order.status) == ({"ADDRESS": "verify"}, OrderStatus.ON_HOLD)
    with pytest.raises(NotAllowed):
        order.place_hold(HoldType.ADDRESS, "again")
    order.release_hold(HoldType.ADDRESS)
    assert order.status == OrderStatus.ALLOCATED
    with pytest.raises(NotFound):
        order.release_hold(HoldType.ADDRESS)


def test_a_fully_shipped_order_cannot_be_held():
    order = an_allocated_order()
    walk(order, only_shipment(order), "pick", "pack", "ship")

    with pytest.raises(NotAllowed):
        order.place_hold(HoldType.FRAUD, "too late")
