"""After fulfilment: payments, returns recorded on the order, credit memos and closing."""

from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidRequest, NotAllowed
from domain.values import OrderStatus
from tests.unit.domain.builders import (
    a_delivered_order,
    a_placed_order,
    an_allocated_order,
    events_of,
    only_shipment,
    walk,
)


def test_payments_add_up_to_what_is_paid():
    order = an_allocated_order()

    order.record_payment(Decimal("5.00"), "CARD", "PAY-1")
    order.record_payment(Decimal("15.00"), "GIFT_CARD", "PAY-2")

    assert order.paid == Decimal("20.00")


@pytest.mark.parametrize("amount", ["0", "-1.00"])
def test_a_payment_that_is_not_positive_is_refused(amount):
    with pytest.raises(InvalidRequest):
        an_allocated_order().record_payment(Decimal(amount), "CARD", "PAY-1")


def test_recording_the_same_payment_reference_twice_is_refused():
    order = an_allocated_order()
    order.record_payment(Decimal("5.00"), "CARD", "PAY-1")

    with pytest.raises(NotAllowed):
        order.record_payment(Decimal("5.00"), "CARD", "PAY-1")
    assert order.paid == Decimal("5.00")


def test_delivered_units_can_be_returned_once():
    order = a_delivered_order(("SKU-1", 3, "10.00"))
    first, second = uuid4(), uuid4()

    order.record_return(first, {"SKU-1": 2})

    assert (order.lines["SKU-1"].returned, order.returnable("SKU-1")) == (2, 1)
    order.record_return(second, {"SKU-1": 1})
    assert order.returnable("SKU-1") == 0
    with pytest.raises(NotAllowed):
        order.record_return(uuid4(), {"SKU-1": 1})


def test_a_return_beyond_what_was_delivered_is_refused():
    order = a_delivered_order(("SKU-1", 3, "10.00"))

    with pytest.raises(NotAllowed):
        order.record_return(uuid4(), {"SKU-1": 4})


def test_units_not_yet_delivered_cannot_be_returned():
    order = an_allocated_order(("SKU-1", 2, "10.00"))
    walk(order, only_shipment(order), "pick", "pack", "ship")

    assert order.returnable("SKU-1") == 0
    with pytest.raises(NotAllowed):
        order.record_return(uuid4(), {"SKU-1": 1})


def test_a_sku_the_order_does_not_have_cannot_be_returned():
    order = a_delivered_order()

    assert order.returnable("SKU-9") == 0
    with pytest.raises(NotAllowed):
        order.record_return(uuid4(), {"SKU-9": 1})


@pytest.mark.parametrize("quantity", [0, -1])
def test_a_return_of_a_non_positive_quantity_is_refused(quantity):
    with pytest.raises(InvalidRequest):
        a_delivered_order().record_return(uuid4(), {"SKU-1": quantity})


def test_a_withdrawn_return_makes_its_units_returnable_again():
    order = a_delivered_order(("SKU-1", 3, "10.00"))
    return_id = uuid4()
    order.record_return(return_id, {"SKU-1": 2})

    order.withdraw_return(return_id)

    assert (order.lines["SKU-1"].returned, order.returnable("SKU-1")) == (0, 3)


def test_withdrawing_an_unknown_return_records_nothing():
    order = a_delivered_order()
    events_of(order)

    order.withdraw_return(uuid4())

    assert events_of(order) == []


def test_credit_memos_are_bounded_by_what_was_invoiced_and_not_yet_refunded():
    order = a_delivered_order(("SKU-1", 3, "10.00"))
    return_id = uuid4()

    order.issue_credit_memo(return_id, Decimal("20.00"))

    assert order.refunded == Decimal("20.00")
    with pytest.raises(NotAllowed):
        order.issue_credit_memo(uuid4(), Decimal("10.01"))
    order.issue_credit_memo(uuid4(), Decimal("10.00"))
    assert order.refunded == order.invoiced == Decimal("30.00")


def test_a_credit_memo_is_numbered_after_its_return():
    order = a_delivered_order()
    return_id = uuid4()
    events_of(order)

    order.issue_credit_memo(return_id, Decimal("1.00"))

    [memo] = order.collect_events()
    assert (memo.memo_number, memo.return_id) == (f"CM-{return_id.hex[:10]}", return_id)


def test_a_negative_credit_memo_is_refused():
    with pytest.raises(NotAllowed):
        a_delivered_order().issue_credit_memo(uuid4(), Decimal("-1"))


def test_nothing_can_be_refunded_before_anything_is_invoiced():
    with pytest.raises(NotAllowed):
        an_allocated_order().issue_credit_memo(uuid4(), Decimal("0.01"))


def test_a_delivered_order_can_be_closed_and_then_takes_no_more_changes():
    order = a_delivered_order()

    order.close()

    assert order.status == OrderStatus.CLOSED
    with pytest.raises(NotAllowed):
        order.close()
    with pytest.raises(NotAllowed):
        order.add_line("SKU-2", 1, Decimal(1))
    with pytest.raises(NotAllowed):
        order.change_quantity("SKU-1", 5)


def test_a_cancelled_order_can_be_closed():
    order = an_allocated_order()
    order.cancel("customer")

    order.close()

    assert order.status == OrderStatus.CLOSED


@pytest.mark.parametrize("steps", [(), ("pick",), ("pick", "pack")])
def test_an_order_with_an_open_shipment_cannot_be_closed(steps):
    order = an_allocated_order()
    walk(order, only_shipment(order), *steps)

    with pytest.raises(NotAllowed):
        order.close()


def test_an_order_with_unsourced_quantities_cannot_be_closed():
    with pytest.raises(NotAllowed):
        a_placed_order().close()
