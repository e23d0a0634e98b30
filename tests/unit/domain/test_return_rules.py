"""The rules a return's refund and exchange follow: the refund cap, the replacement order."""

from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidRequest
from domain.exchange import replacement_order
from domain.order_line import OrderLine
from domain.values import DeliveryMethod, ReturnStatus
from tests.unit.domain.builders import a_node, a_placed_order, events_of
from tests.unit.domain.test_return import ALL_RESTOCKED, a_return

# SKU-1 sold at 12.50, SKU-2 at 5.00; the return holds 2 of SKU-1 and 1 of SKU-2: 30.00.
SOLD = {
    "SKU-1": OrderLine("SKU-1", 3, Decimal("12.50")),
    "SKU-2": OrderLine("SKU-2", 1, Decimal("5.00")),
}


def an_inspected_return():
    ret = a_return()
    ret.receive(a_node("DC1"))
    ret.inspect(ALL_RESTOCKED)
    return ret


@pytest.mark.parametrize(
    ("asked", "refunded"),
    [
        (None, Decimal("30.00")),  # the goods' value by default
        (Decimal("30.00"), Decimal("30.00")),
        (Decimal("12.34"), Decimal("12.34")),
        (Decimal("0"), Decimal("0")),
    ],
)
def test_a_refund_is_the_returned_goods_value_or_any_amount_up_to_it(
    asked: Decimal | None, refunded: Decimal
) -> None:
    ret = an_inspected_return()

    assert ret.refund_goods(SOLD, asked) == refunded
    assert ret.status is ReturnStatus.REFUNDED
    assert ret.refunded == refunded


@pytest.mark.parametrize("asked", [Decimal("30.01"), Decimal("100")])
def test_a_refund_above_the_returned_goods_value_is_refused_and_nothing_is_recorded(
    asked: Decimal,
) -> None:
    ret = an_inspected_return()
    events_of(ret)

    with pytest.raises(InvalidRequest, match=r"more than the returned goods' 30\.00"):
        ret.refund_goods(SOLD, asked)
    assert events_of(ret) == []
    assert ret.status is ReturnStatus.INSPECTED


def test_a_replacement_order_goes_at_no_charge_to_the_original_customer_and_delivery() -> None:
    original = a_placed_order(("SKU-1", 2, "12.50"), external_ref="WEB-1")

    replacement = replacement_order(uuid4(), original, [("SKU-1B", 2), ("SKU-2", 1)])

    assert (replacement.channel, replacement.customer) == (original.channel, original.customer)
    assert replacement.delivery == original.delivery
    assert replacement.method is DeliveryMethod.SHIP
    assert replacement.external_ref is None
    assert {sku: (ln.quantity, ln.unit_price) for sku, ln in replacement.lines.items()} == {
        "SKU-1B": (2, Decimal(0)),
        "SKU-2": (1, Decimal(0)),
    }
    assert replacement.total == 0


def test_a_replacement_order_with_a_sku_twice_is_refused() -> None:
    with pytest.raises(InvalidRequest, match="one line only"):
        replacement_order(uuid4(), a_placed_order(), [("SKU-1", 1), ("SKU-1", 2)])
