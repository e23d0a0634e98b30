"""NodeStock: one node's stock of one SKU, the hard limit for every reservation."""

from uuid import uuid4

import pytest

from domain.errors import InvalidRequest, NotAllowed, OutOfStock
from domain.node_stock import NodeStock
from domain.stock_levels import StockLevels
from domain.values import node_stock_id
from tests.unit.domain.builders import a_stock, events_of, levels


def test_a_new_stock_record_is_empty_and_identified_by_node_and_sku():
    stock = NodeStock.open("DC1", "SKU-1")

    assert stock.id == node_stock_id("DC1", "SKU-1")
    assert (stock.node_code, stock.sku) == ("DC1", "SKU-1")
    assert levels(stock) == StockLevels(on_hand=0, reserved=0, safety_stock=0, in_transit=0)
    assert stock.available == 0


@pytest.mark.parametrize("sku", ["", " "])
def test_a_stock_record_for_a_blank_sku_is_refused(sku):
    with pytest.raises(InvalidRequest):
        NodeStock.open("DC1", sku)


def test_received_stock_is_on_hand_and_available():
    stock = a_stock()

    stock.receive(7, "PO-1")
    stock.receive(3)

    assert (stock.on_hand, stock.available) == (10, 10)


@pytest.mark.parametrize("quantity", [0, -1])
def test_receiving_a_non_positive_quantity_is_refused(quantity):
    with pytest.raises(InvalidRequest):
        a_stock().receive(quantity)


def test_an_adjustment_by_delta_changes_on_hand():
    stock = a_stock(on_hand=10)

    stock.adjust("damaged", delta=-4)
    stock.adjust("found", delta=1)

    assert stock.on_hand == 7


def test_an_adjustment_by_counted_quantity_records_the_difference():
    stock = a_stock(on_hand=10)
    events_of(stock)

    stock.adjust("cycle count", counted=6)

    assert stock.on_hand == 6
    [event] = stock.collect_events()
    assert (type(event).__name__, event.delta, event.reason) == ("Adjusted", -4, "cycle count")


def test_a_count_that_matches_on_hand_records_nothing():
    stock = a_stock(on_hand=10)
    events_of(stock)

    stock.adjust("cycle count", counted=10)
    stock.adjust("no change", delta=0)

    assert events_of(stock) == []


def test_an_adjustment_that_would_take_on_hand_below_zero_is_refused():
    with pytest.raises(NotAllowed):
        a_stock(on_hand=3).adjust("lost", delta=-4)


def test_a_negative_counted_quantity_is_refused():
    with pytest.raises(InvalidRequest):
        a_stock(on_hand=3).adjust("count", counted=-1)


@pytest.mark.parametrize("change", [{}, {"delta": 1, "counted": 1}])
def test_an_adjustment_needs_exactly_one_of_delta_and_counted(change):
    with pytest.raises(InvalidRequest):
        a_stock(on_hand=3).adjust("unclear", **change)


def test_safety_stock_is_held_back_from_available():
    stock = a_stock(on_hand=10)

    stock.set_safety_stock(4)

    assert (stock.safety_stock, stock.available) == (4, 6)


def test_setting_the_same_safety_stock_again_records_nothing():
    stock = a_stock(on_hand=10, safety_stock=4)
    events_of(stock)

    stock.set_safety_stock(4)

    assert events_of(stock) == []


def test_a_negative_safety_stock_is_refused():
    with pytest.raises(InvalidRequest):
        a_stock().set_safety_stock(-1)


def test_available_never_falls_below_zero_when_safety_stock_exceeds_on_hand():
    assert a_stock(on_hand=2, safety_stock=5).available == 0


def test_a_reservation_takes_stock_out_of_available_for_its_reference():
    stock = a_stock(on_hand=10)

    stock.reserve("order-1", 3)
    stock.reserve("order-1", 2)
    stock.reserve("order-2", 1)

    assert (stock.on_hand, stock.reserved, stock.available) == (10, 6, 4)


def test_a_reservation_beyond_available_stock_is_refused():
    stock = a_stock(on_hand=5)
    stock.reserve("order-1", 3)

    with pytest.raises(OutOfStock):
        stock.reserve("order-2", 3)


def test_a_reservation_that_would_eat_into_safety_stock_is_refused():
    stock = a_stock(on_hand=10, safety_stock=4)

    with pytest.raises(OutOfStock):
        stock.reserve("order-1", 7)
    stock.reserve("order-1", 6)
    assert stock.available == 0


@pytest.mark.parametrize("quantity", [0, -2])
def test_a_non_positive_reservation_is_refused(quantity):
    with pytest.raises(InvalidRequest):
        a_stock(on_hand=5).reserve("order-1", quantity)


def test_releasing_a_reservation_makes_the_stock_available_again():
    stock = a_stock(on_hand=10)
    stock.reserve("order-1", 4)

    stock.release("order-1", 3)

    assert (stock.reserved, stock.available) == (1, 9)
    stock.release("order-1", 1)
    assert (stock.reserved, stock.available) == (0, 10)


def test_shipping_a_reservation_takes_the_units_off_hand():
    stock = a_stock(on_hand=10)
    stock.reserve("order-1", 4)

    stock.ship("order-1", 4)

    assert (stock.on_hand, stock.reserved, stock.available) == (6, 0, 6)


@pytest.mark.parametrize("action", ["release", "ship"])
def test_no_more_than_is_reserved_can_be_released_or_shipped(action):
    stock = a_stock(on_hand=10)
    stock.reserve("order-1", 4)

    with pytest.raises(NotAllowed):
        getattr(stock, action)("order-1", 5)
    assert (stock.on_hand, stock.reserved) == (10, 4)


@pytest.mark.parametrize("action", ["release", "ship", "restock"])
def test_releasing_shipping_or_restocking_nothing_is_refused(action):
    stock = a_stock(on_hand=10)
    stock.reserve("order-1", 4)

    with pytest.raises(InvalidRequest):
        getattr(stock, action)("order-1", 0)


def test_shipping_units_a_count_found_missing_is_refused():
    stock = a_stock(on_hand=10)
    stock.reserve("order-1", 8)
    stock.adjust("cycle count", counted=5)

    with pytest.raises(OutOfStock):
        stock.ship("order-1", 8)
    stock.ship("order-1", 5)
    assert (stock.on_hand, stock.reserved) == (0, 3)


def test_a_transfer_to_the_same_node_is_refused() -> None:
    stock = a_stock("DC1", on_hand=5)

    with pytest.raises(InvalidRequest, match="two different nodes"):
        stock.transfer_out(uuid4(), "DC1", 2)
