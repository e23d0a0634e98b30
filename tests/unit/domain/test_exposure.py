"""An order's open value, folded from its events, is what the order itself says it will
still add to the balance: its value not invoiced yet, nothing once closed."""

from collections.abc import Callable
from decimal import Decimal

import pytest

from domain.exposure import OpenValue, open_value, uninvoiced
from domain.ledger import Ledger
from domain.order import LEDGER_EVENTS, Order
from tests.unit.domain.builders import a_delivered_order, a_placed_order, an_allocated_order


def folded(order: Order) -> Decimal:
    """The order's open value as the accounts index folds it from the events alone."""
    placed, *rest = order.collect_events()
    assert isinstance(placed, Order.Placed)
    value, ledger = OpenValue.placed(placed.lines), Ledger()
    for event in rest:
        value.learn(event)
        if isinstance(event, LEDGER_EVENTS):
            event.apply(ledger)  # type: ignore[arg-type]
    return value.uninvoiced(ledger.invoiced)


def delivered_and_closed() -> Order:
    order = a_delivered_order(("SKU-1", 2, "10.00"))
    order.close()
    return order


CASES: list[tuple[str, Callable[[], Order], Decimal]] = [
    (
        "as placed",
        lambda: a_placed_order(("SKU-1", 2, "10.00"), ("SKU-2", 1, "5.50")),
        Decimal("25.50"),
    ),
    (
        "a line added",
        lambda: _with(lambda o: o.add_line("SKU-2", 3, Decimal("2.00"))),
        Decimal("26.00"),
    ),
    ("a line increased", lambda: _with(lambda o: o.change_quantity("SKU-1", 5)), Decimal("50.00")),
    ("a line lowered", lambda: _with(lambda o: o.change_quantity("SKU-1", 1)), Decimal("10.00")),
    (
        "a line cancelled",
        lambda: _with(lambda o: o.cancel("asked", {"SKU-1": 1})),
        Decimal("10.00"),
    ),
    ("wholly cancelled", lambda: _with(lambda o: o.cancel("asked")), Decimal("0.00")),
    ("delivered: invoiced", lambda: a_delivered_order(("SKU-1", 2, "10.00")), Decimal("0.00")),
    ("closed", delivered_and_closed, Decimal("0.00")),
]


def _with(change: Callable[[Order], object]) -> Order:
    order = an_allocated_order(("SKU-1", 2, "10.00"))
    change(order)
    return order


@pytest.mark.parametrize(("case", "build", "expected"), CASES, ids=[c[0] for c in CASES])
def test_the_open_value_folded_from_events_is_the_orders_own(
    case: str, build: Callable[[], Order], expected: Decimal
) -> None:
    order = build()
    assert open_value(order) == expected
    assert folded(order) == expected


@pytest.mark.parametrize(
    ("total", "invoiced", "closed", "expected"),
    [
        ("100.00", "0.00", False, "100.00"),
        ("100.00", "40.00", False, "60.00"),
        ("100.00", "120.00", False, "0.00"),  # invoiced more than is left (a price change)
        ("100.00", "0.00", True, "0.00"),
    ],
)
def test_what_an_order_still_adds(total: str, invoiced: str, closed: bool, expected: str) -> None:
    assert uninvoiced(Decimal(total), Decimal(invoiced), closed=closed) == Decimal(expected)
