"""An order's total: the one rule the aggregate and the tracking read model both use."""

from decimal import Decimal

import pytest

from domain.order_line import OrderLine, order_total


@pytest.mark.parametrize(
    ("lines", "total"),
    [
        ([], Decimal(0)),
        ([OrderLine("A", 2, Decimal("10.00"))], Decimal("20.00")),
        ([OrderLine("A", 2, Decimal("10.00"), cancelled=1)], Decimal("10.00")),
        ([OrderLine("A", 2, Decimal("10.00"), cancelled=2)], Decimal(0)),
        (  # backordered and returned units are still ordered: they count
            [OrderLine("A", 3, Decimal("1.50"), backordered=2, returned=1)],
            Decimal("4.50"),
        ),
        (
            [OrderLine("A", 1, Decimal("9.99")), OrderLine("B", 4, Decimal("0.25"), cancelled=1)],
            Decimal("10.74"),
        ),
    ],
)
def test_the_total_is_each_lines_price_times_what_is_still_ordered(
    lines: list[OrderLine], total: Decimal
) -> None:
    assert order_total(lines) == total
