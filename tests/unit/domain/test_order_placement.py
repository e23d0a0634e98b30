"""Placing an order and recording where it is sourced from."""

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidRequest, NotAllowed
from domain.order import Order
from domain.order_values import CustomerDetails, Delivery, LineItem
from domain.values import Channel, DeliveryMethod, OrderStatus, ShipmentStatus, child_id
from tests.unit.domain.builders import (
    THE_ADDRESS,
    THE_CUSTOMER,
    a_placed_order,
    a_plan,
    an_allocated_order,
    events_of,
    order_lines,
)


def place(delivery=None, lines=None, **kwargs):
    return Order.place(
        uuid4(),
        Channel.WEB,
        THE_CUSTOMER,
        delivery or Delivery(DeliveryMethod.SHIP, THE_ADDRESS),
        [LineItem.from_dict(line) for line in (order_lines() if lines is None else lines)],
        **kwargs,
    )


def test_a_placed_order_holds_its_customer_delivery_and_lines():
    order_id = uuid4()
    order = a_placed_order(
        ("SKU-1", 2, "10.00"),
        ("SKU-2", 1, "5.50"),
        order_id=order_id,
        external_ref="WEB-42",
        requested_date=date(2025, 3, 1),
        payment={"method": "CARD", "authorized_amount": Decimal("25.50")},
    )

    assert order.id == order_id
    assert (order.channel, order.external_ref) == (Channel.WEB, "WEB-42")
    assert order.customer == CustomerDetails("C-1", "Ada Lovelace", "ada@example.com")
    assert order.method is DeliveryMethod.SHIP
    assert order.delivery.address == THE_ADDRESS
    assert {sku: line.quantity for sku, line in order.lines.items()} == {"SKU-1": 2, "SKU-2": 1}
    assert order.requested_date == date(2025, 3, 1)
    assert order.authorized == Decimal("25.50")
    assert order.total == Decimal("25.50")
    assert order.status == OrderStatus.PLACED
    assert events_of(order) == ["Placed"]


def test_a_placed_order_still_needs_all_its_quantities_sourced():
    order = a_placed_order(("SKU-1", 2, "10.00"), ("SKU-2", 1, "5.50"))

    assert order.to_source() == {"SKU-1": 2, "SKU-2": 1}
    assert order.shipments == {}


def test_a_pickup_order_names_its_store():
    order = a_placed_order(pickup_node="ST1")

    assert order.method is DeliveryMethod.PICKUP
    assert order.delivery.pickup_node == "ST1"


def test_an_order_without_a_payment_has_nothing_authorized():
    assert a_placed_order().authorized == Decimal(0)


def test_an_order_without_lines_is_refused():
    with pytest.raises(InvalidRequest):
        place(lines=[])


def test_an_order_naming_a_sku_on_two_lines_is_refused():
    with pytest.raises(InvalidRequest):
        place(lines=order_lines(("SKU-1", 1, "1.00"), ("SKU-1", 2, "1.00")))


@pytest.mark.parametrize("quantity", [0, -1])
def test_an_order_line_with_a_non_positive_quantity_is_refused(quantity):
    with pytest.raises(InvalidRequest):
        place(lines=order_lines(("SKU-1", quantity, "1.00")))


def test_an_order_line_with_a_negative_price_is_refused():
    with pytest.raises(InvalidRequest):
        place(lines=order_lines(("SKU-1", 1, "-0.01")))


def test_an_order_line_may_be_free():
    assert place(lines=order_lines(("GIFT", 1, "0"))).total == Decimal(0)


def test_a_pickup_order_without_a_pickup_node_is_refused():
    with pytest.raises(InvalidRequest):
        place(Delivery(DeliveryMethod.PICKUP))


def test_a_shipped_order_without_an_address_is_refused():
    with pytest.raises(InvalidRequest):
        place(Delivery(DeliveryMethod.SHIP))


def test_allocating_creates_one_shipment_per_node_with_stable_ids():
    order = a_placed_order(("SKU-1", 3, "10.00"), ("SKU-2", 1, "5.00"))

    created = order.allocate(
        a_plan({"ST2": {"SKU-1": 1}, "DC1": {"SKU-1": 2, "SKU-2": 1}}), reason="placed"
    )

    assert [(s.node_code, s.lines) for s in created] == [
        ("DC1", {"SKU-1": 2, "SKU-2": 1}),
        ("ST2", {"SKU-1": 1}),
    ]
    assert [s.id for s in created] == [
        child_id(order.id, "shipment-1"),
        child_id(order.id, "shipment-2"),
    ]
    assert all(s.status == ShipmentStatus.ALLOCATED for s in created)
    assert order.to_source() == {}
    assert order.status == OrderStatus.ALLOCATED


def test_the_allocation_event_keeps_the_sourcing_explanation():
    order = a_placed_order()
    events_of(order)

    order.allocate(a_plan({"DC1": {"SKU-1": 2}}), reason="placed")

    [event] = order.collect_events()
    assert (event.reason, event.explanation) == ("placed", {"rule": "test"})


def test_what_the_plan_does_not_source_is_backordered():
    order = a_placed_order(("SKU-1", 5, "10.00"), ("SKU-2", 1, "5.00"))

    order.allocate(a_plan({"DC1": {"SKU-1": 3}}), reason="placed")

    assert {sku: line.backordered for sku, line in order.lines.items()} == {"SKU-1": 2, "SKU-2": 1}
    assert order.status == OrderStatus.BACKORDERED
    assert order.to_source() == {"SKU-1": 2, "SKU-2": 1}


def test_allocating_a_backorder_later_adds_shipments_and_clears_it():
    order = a_placed_order(("SKU-1", 5, "10.00"))
    order.allocate(a_plan({"DC1": {"SKU-1": 3}}), reason="placed")

    [later] = order.allocate(a_plan({"DC2": {"SKU-1": 2}}), reason="stock arrived")

    assert later.id == child_id(order.id, "shipment-2")
    assert order.lines["SKU-1"].backordered == 0
    assert order.status == OrderStatus.ALLOCATED


@pytest.mark.parametrize(
    "shipments",
    [
        {"DC1": {"SKU-1": 3}},
        {"DC1": {"SKU-1": 1}, "DC2": {"SKU-1": 2}},
        {"DC1": {"SKU-9": 1}},
    ],
)
def test_a_plan_that_sources_more_than_the_order_needs_is_refused(shipments):
    order = a_placed_order(("SKU-1", 2, "10.00"))

    with pytest.raises(InvalidRequest):
        order.allocate(a_plan(shipments), reason="placed")
    assert order.shipments == {}


def test_a_plan_for_already_sourced_quantities_is_refused():
    order = an_allocated_order(("SKU-1", 2, "10.00"))

    with pytest.raises(InvalidRequest):
        order.allocate(a_plan({"DC2": {"SKU-1": 1}}), reason="again")


def test_a_closed_order_cannot_be_allocated():
    order = an_allocated_order()
    order.cancel("customer")
    order.close()

    with pytest.raises(NotAllowed):
        order.allocate(a_plan({}), reason="late")
