"""NodeStock: expected receipts (advance notices of supply) are in transit until booked in."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from eventsourcing.domain import Snapshot

from domain.errors import InvalidRequest, NotAllowed
from domain.node_stock import NodeStock
from domain.stock_levels import StockLevels
from tests.unit.domain.builders import a_stock, stored_snapshot

NEXT_WEEK = datetime(2026, 12, 7, 9, tzinfo=UTC)


def test_an_expected_receipt_is_in_transit_and_not_available():
    stock = a_stock(on_hand=2)

    stock.expect(uuid4(), 10, NEXT_WEEK, "PO-1")

    assert (stock.on_hand, stock.in_transit, stock.available) == (2, 10, 2)
    assert stock.expected["PO-1"].expected_at == NEXT_WEEK


def test_a_receipt_naming_the_reference_books_the_expected_receipt_in():
    stock = a_stock()
    stock.expect(uuid4(), 10, NEXT_WEEK, "PO-1")

    stock.receive(10, "PO-1")

    assert (stock.on_hand, stock.in_transit, stock.expected) == (10, 0, {})


def test_a_partial_receipt_leaves_the_rest_expected_and_an_excess_is_just_received():
    stock = a_stock()
    stock.expect(uuid4(), 10, NEXT_WEEK, "PO-1")

    stock.receive(4, "PO-1")
    assert (stock.on_hand, stock.in_transit, stock.expected["PO-1"].quantity) == (4, 6, 6)

    stock.receive(9, "PO-1")
    assert (stock.on_hand, stock.in_transit, stock.expected) == (13, 0, {})


def test_a_receipt_under_another_reference_leaves_the_expected_receipt_in_transit():
    stock = a_stock()
    stock.expect(uuid4(), 10, NEXT_WEEK, "PO-1")

    stock.receive(3, "PO-2")

    assert (stock.on_hand, stock.in_transit) == (3, 10)


def test_the_same_reference_cannot_be_expected_twice_while_open():
    stock = a_stock()
    stock.expect(uuid4(), 10, NEXT_WEEK, "PO-1")

    with pytest.raises(NotAllowed):
        stock.expect(uuid4(), 5, NEXT_WEEK, "PO-1")


@pytest.mark.parametrize(("quantity", "reference"), [(0, "PO-1"), (-2, "PO-1"), (3, " ")])
def test_an_expected_receipt_needs_a_positive_quantity_and_a_reference(quantity, reference):
    with pytest.raises(InvalidRequest):
        a_stock().expect(uuid4(), quantity, NEXT_WEEK, reference)


def test_a_snapshot_from_before_expected_receipts_reads_back_with_none_expected():
    stock = a_stock(on_hand=4)
    state = {**Snapshot.take(stock).state, "class_version": 2}
    state.pop("expected")

    restored = stored_snapshot(stock, state).mutate(None)

    assert isinstance(restored, NodeStock)
    assert (restored.on_hand, restored.in_transit, restored.expected) == (4, 0, {})
    restored.expect(uuid4(), 3, NEXT_WEEK, "PO-9")
    assert restored.in_transit == 3


def test_the_stock_read_model_folds_expected_receipts_as_the_record_does():
    stock = a_stock()
    stock.expect(uuid4(), 10, NEXT_WEEK, "PO-1")
    stock.receive(4, "PO-1")
    levels = StockLevels()

    for event in stock.collect_events():
        event.move(levels)

    assert (levels.on_hand, levels.in_transit) == (stock.on_hand, stock.in_transit) == (4, 6)
