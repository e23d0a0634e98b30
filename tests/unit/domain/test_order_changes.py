"""Changes after placement: cancellation, address, lines and quantities."""

from decimal import Decimal

import pytest

from domain.errors import InvalidRequest, NotAllowed, NotFound
from domain.order_values import Address, Delivery
from domain.shipment import Reduction
from domain.values import DeliveryMethod, OrderStatus, ShipmentStatus
from tests.unit.domain.builders import (
    ADDRESS,
    a_placed_order,
    a_plan,
    an_allocated_order,
    events_of,
    only_shipment,
    shipment_at,
    walk,
)

NEW_ADDRESS = Address.from_dict({**ADDRESS, "line1": "Coolsingel 40", "city": "Rotterdam"})


def a_split_order():
    """SKU-1 x6: 3 at DC1, 2 at DC2, 1 backordered."""
    order = a_placed_order(("SKU-1", 6, "10.00"), ("SKU-2", 1, "4.00"))
    order.allocate(a_plan({"DC1": {"SKU-1": 3, "SKU-2": 1}, "DC2": {"SKU-1": 2}}), "placed")
    return order


def test_cancelling_an_order_cancels_every_open_quantity_and_returns_the_reductions():
    order = a_split_order()

    reductions = order.cancel("customer")

    assert sorted((r.node_code, r.sku, r.quantity) for r in reductions) == [
        ("DC1", "SKU-1", 3),
        ("DC1", "SKU-2", 1),
        ("DC2", "SKU-1", 2),
    ]
    assert {s.status for s in order.shipments.values()} == {ShipmentStatus.CANCELLED}
    assert order.lines["SKU-1"].backordered == 0
    assert order.status == OrderStatus.CANCELLED
    assert order.total == Decimal(0)


def test_a_partial_cancellation_takes_the_backorder_first():
    order = a_split_order()

    assert order.cancel("customer", {"SKU-1": 1}) == []
    assert (order.lines["SKU-1"].cancelled, order.lines["SKU-1"].backordered) == (1, 0)
    assert order.status == OrderStatus.ALLOCATED


def test_a_partial_cancellation_then_takes_from_the_largest_open_shipment():
    order = a_split_order()

    reductions = order.cancel("customer", {"SKU-1": 3})

    dc1 = shipment_at(order, "DC1")
    assert reductions == [Reduction(dc1.id, "DC1", "SKU-1", 2)]
    assert dc1.lines == {"SKU-1": 1, "SKU-2": 1}
    assert order.lines["SKU-1"].effective == 3


def test_a_shipment_left_without_lines_by_a_cancellation_is_cancelled():
    order = a_split_order()

    order.cancel("customer", {"SKU-1": 3})
    order.cancel("customer", {"SKU-1": 2})

    assert shipment_at(order, "DC2").status == ShipmentStatus.CANCELLED


def test_cancelling_a_placed_order_before_sourcing_leaves_nothing_backordered():
    order = a_placed_order(("SKU-1", 5, "10.00"))

    order.cancel("customer", {"SKU-1": 2})

    assert order.lines["SKU-1"].backordered == 0
    assert order.status == OrderStatus.PLACED
    assert order.to_source() == {"SKU-1": 3}


def test_cancelling_after_a_rejection_leaves_nothing_backordered():
    order = an_allocated_order(("SKU-1", 2, "10.00"))
    order.step(only_shipment(order).id, "reject", reason="damaged")

    order.cancel("customer")

    assert order.lines["SKU-1"].backordered == 0
    assert order.status == OrderStatus.CANCELLED


def test_cancelling_more_than_is_still_open_is_refused():
    order = a_split_order()
    walk(order, shipment_at(order, "DC2"), "pick", "pack", "ship")

    with pytest.raises(NotAllowed):
        order.cancel("customer", {"SKU-1": 5})
    order.cancel("customer", {"SKU-1": 4})
    assert order.lines["SKU-1"].effective == 2


@pytest.mark.parametrize("quantity", [0, -1])
def test_cancelling_a_non_positive_quantity_is_refused(quantity):
    with pytest.raises(NotAllowed):
        a_split_order().cancel("customer", {"SKU-1": quantity})


def test_cancelling_a_sku_the_order_does_not_have_is_refused():
    with pytest.raises(InvalidRequest):
        a_split_order().cancel("customer", {"SKU-9": 1})


def test_a_shipped_order_has_nothing_left_to_cancel():
    order = an_allocated_order()
    walk(order, only_shipment(order), "pick", "pack", "ship")

    with pytest.raises(NotAllowed):
        order.cancel("customer")
    with pytest.raises(NotAllowed):
        order.cancel("customer", {"SKU-1": 1})


def test_the_address_can_change_until_a_shipment_is_picked():
    order = a_split_order()
    order.step(shipment_at(order, "DC2").id, "reject", reason="no stock")

    order.change_address(NEW_ADDRESS)
    [moved] = order.allocate(a_plan({"DC1": order.to_source()}), "address changed")

    assert order.delivery == Delivery(DeliveryMethod.SHIP, NEW_ADDRESS)
    walk(order, moved, "pick")
    with pytest.raises(NotAllowed):
        order.change_address(Address.from_dict(ADDRESS))


def test_an_address_change_withdraws_the_shipments_not_yet_picked_for_re_sourcing():
    order = a_split_order()
    dc1, dc2 = shipment_at(order, "DC1"), shipment_at(order, "DC2")
    order.collect_events()

    withdrawn = order.change_address(NEW_ADDRESS)

    assert events_of(order) == ["AddressChanged", "AllocationsWithdrawn"]
    assert (dc1.status, dc2.status) == (ShipmentStatus.CANCELLED, ShipmentStatus.CANCELLED)
    assert order.to_source() == {sku: ln.quantity for sku, ln in order.lines.items()}
    assert sorted((r.node_code, r.sku, r.quantity) for r in withdrawn) == sorted(
        (s.node_code, sku, qty) for s in (dc1, dc2) for sku, qty in s.lines.items()
    )


def test_a_pickup_order_has_no_address_to_change():
    with pytest.raises(NotAllowed):
        an_allocated_order(pickup_node="ST1").change_address(NEW_ADDRESS)


def test_an_added_line_is_what_sourcing_must_place_next():
    order = an_allocated_order()

    order.add_line("SKU-2", 3, Decimal("1.50"))

    assert order.lines["SKU-2"].unit_price == Decimal("1.50")
    assert order.to_source() == {"SKU-2": 3}
    assert order.total == Decimal("24.50")


@pytest.mark.parametrize(
    ("sku", "quantity", "price", "error"),
    [
        ("SKU-1", 1, "1.00", NotAllowed),
        ("SKU-2", 0, "1.00", InvalidRequest),
        ("SKU-2", 1, "-1", InvalidRequest),
    ],
)
def test_an_invalid_added_line_is_refused(sku, quantity, price, error):
    with pytest.raises(error):
        an_allocated_order().add_line(sku, quantity, Decimal(price))


def test_decreasing_a_quantity_cancels_the_difference():
    order = an_allocated_order(("SKU-1", 5, "10.00"))

    reductions = order.change_quantity("SKU-1", 2)

    assert [r.quantity for r in reductions] == [3]
    assert (order.lines["SKU-1"].effective, only_shipment(order).lines) == (2, {"SKU-1": 2})


def test_increasing_a_quantity_adds_the_difference_to_what_must_be_sourced():
    order = an_allocated_order(("SKU-1", 2, "10.00"))
    events_of(order)

    assert order.change_quantity("SKU-1", 5) == []
    assert order.to_source() == {"SKU-1": 3}
    assert events_of(order) == ["LineIncreased"]


def test_setting_the_same_quantity_changes_nothing():
    order = an_allocated_order(("SKU-1", 2, "10.00"))
    events_of(order)

    assert order.change_quantity("SKU-1", 2) == []
    assert events_of(order) == []


@pytest.mark.parametrize(
    ("sku", "quantity", "error"),
    [
        ("SKU-9", 1, NotFound),
        ("SKU-1", -1, InvalidRequest),
    ],
)
def test_an_invalid_quantity_change_is_refused(sku, quantity, error):
    with pytest.raises(error):
        an_allocated_order().change_quantity(sku, quantity)


def test_a_quantity_cannot_drop_below_what_is_already_shipped():
    order = an_allocated_order(("SKU-1", 2, "10.00"))
    walk(order, only_shipment(order), "pick", "pack", "ship")

    with pytest.raises(NotAllowed):
        order.change_quantity("SKU-1", 1)
