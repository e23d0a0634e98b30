"""NodeStock: preorders hold supply in transit, and are filled once it arrives."""

from datetime import UTC, datetime
from uuid import uuid4

import pytest
from eventsourcing.domain import Snapshot

from domain.errors import NotAllowed, OutOfStock
from domain.node_stock import NodeStock
from domain.stock_levels import StockLevels
from tests.unit.domain.builders import a_stock, stored_snapshot

DUE = datetime(2026, 12, 7, 9, tzinfo=UTC)


def expecting(quantity: int, on_hand: int = 0) -> NodeStock:
    stock = a_stock(on_hand=on_hand)
    stock.expect(uuid4(), quantity, DUE, "PO-1")
    return stock


def test_a_preorder_takes_supply_in_transit_not_stock_on_hand():
    stock = expecting(10, on_hand=3)

    stock.preorder("ship-1", 4)

    assert (stock.available, stock.incoming, stock.preordered) == (3, 6, 4)


def test_a_preorder_beyond_what_is_in_transit_and_not_preordered_is_refused():
    stock = expecting(5)
    stock.preorder("ship-1", 4)

    with pytest.raises(OutOfStock):
        stock.preorder("ship-2", 2)


def test_arrived_supply_is_held_for_preorders_until_they_are_filled():
    stock = expecting(10)
    stock.preorder("ship-1", 4)
    stock.preorder("ship-2", 3)

    stock.receive(10, "PO-1")
    assert (stock.on_hand, stock.available) == (10, 3)

    stock.fill_preorder("ship-1", 4)
    assert (stock.reserved, stock.preordered, stock.available) == (4, 3, 3)


def test_a_partial_arrival_fills_only_what_arrived():
    stock = expecting(10)
    stock.preorder("ship-1", 4)
    stock.preorder("ship-2", 3)

    stock.receive(5, "PO-1")
    assert stock.available == 3  # 2 of the 7 preordered are no longer in transit

    stock.fill_preorder("ship-1", 4)
    assert (stock.available, stock.incoming, stock.preordered) == (1, 2, 3)
    with pytest.raises(NotAllowed):
        stock.fill_preorder("ship-2", 3)


def test_a_preorder_cannot_be_filled_before_its_supply_arrives():
    stock = expecting(10)
    stock.preorder("ship-1", 4)

    with pytest.raises(NotAllowed):
        stock.fill_preorder("ship-1", 4)


def test_releasing_a_preorder_gives_its_supply_back():
    stock = expecting(10)
    stock.preorder("ship-1", 4)

    stock.release_preorder("ship-1", 4)

    assert (stock.incoming, stock.preordered) == (10, 0)
    with pytest.raises(NotAllowed):
        stock.release_preorder("ship-1", 1)


def test_the_stock_read_model_folds_preorders_as_the_record_does():
    stock = expecting(10)
    stock.preorder("ship-1", 4)
    stock.preorder("ship-2", 3)
    stock.receive(6, "PO-1")
    stock.fill_preorder("ship-1", 4)
    stock.release_preorder("ship-2", 1)
    levels = StockLevels()

    for event in stock.collect_events():
        event.move(levels)

    assert vars(levels) == {name: getattr(stock, name) for name in vars(levels)}
    assert levels.available == stock.available


def test_a_snapshot_from_before_preorders_reads_back_with_none_preordered():
    stock = expecting(5)
    state = {**Snapshot.take(stock).state, "class_version": 3}
    state.pop("preordered")

    restored = stored_snapshot(stock, state).mutate(None)

    assert isinstance(restored, NodeStock)
    assert (restored.preordered, restored.incoming, restored.in_transit) == (0, 5, 5)
