"""Stock levels: the one availability formula, and the `move` handlers both folds use."""

from collections.abc import Callable
from uuid import UUID

import pytest

from domain.node_stock import NodeStock
from domain.stock_levels import StockLevels, available
from tests.unit.domain.builders import a_stock, levels

TRANSFER = UUID(int=7)


@pytest.mark.parametrize(
    ("on_hand", "reserved", "safety_stock", "expected"),
    [
        (10, 0, 0, 10),
        (10, 3, 0, 7),
        (10, 3, 2, 5),
        (10, 8, 2, 0),
        (10, 9, 5, 0),  # never below zero
        (0, 0, 4, 0),
    ],
)
def test_available_is_on_hand_less_reserved_and_safety_stock_never_below_zero(
    on_hand: int, reserved: int, safety_stock: int, expected: int
) -> None:
    stock = StockLevels(on_hand, reserved, safety_stock)

    assert available(stock) == stock.available == expected


def _reserve_and_ship(stock: NodeStock) -> None:
    stock.reserve("S1", 4)
    stock.ship("S1", 3)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s.receive(5, "PO-1"), StockLevels(15, 0, 0, 0)),
        (lambda s: s.adjust("count", delta=-2), StockLevels(8, 0, 0, 0)),
        (lambda s: s.adjust("count", counted=4), StockLevels(4, 0, 0, 0)),
        (lambda s: s.set_safety_stock(3), StockLevels(10, 0, 3, 0)),
        (lambda s: s.reserve("S1", 4), StockLevels(10, 4, 0, 0)),
        (_reserve_and_ship, StockLevels(7, 1, 0, 0)),
        (lambda s: s.restock("R1", 2), StockLevels(12, 0, 0, 0)),
        (lambda s: s.transfer_out(TRANSFER, "DC2", 6), StockLevels(4, 0, 0, 0)),
        (lambda s: s.expect_transfer(TRANSFER, "DC2", 6), StockLevels(10, 0, 0, 6)),
    ],
    ids=[
        "received",
        "adjusted",
        "counted",
        "safety",
        "reserved",
        "shipped",
        "restocked",
        "out",
        "expected",
    ],
)
def test_folding_the_move_handlers_gives_the_aggregates_levels(
    change: Callable[[NodeStock], None], expected: StockLevels
) -> None:
    stock = a_stock(on_hand=10)
    folded = levels(stock)
    stock.collect_events()

    change(stock)
    for event in stock.collect_events():
        event.move(folded)

    assert folded == levels(stock) == expected
    assert folded.available == stock.available


def test_a_received_transfer_moves_units_from_in_transit_to_on_hand() -> None:
    stock = a_stock(on_hand=1)
    stock.expect_transfer(TRANSFER, "DC2", 5)
    folded = levels(stock)
    stock.collect_events()

    stock.receive_transfer(TRANSFER)
    for event in stock.collect_events():
        event.move(folded)

    assert folded == levels(stock) == StockLevels(6, 0, 0, 0)
