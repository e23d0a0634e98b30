"""NodeStock: restocking returns and transfers between nodes (in transit until received)."""

from uuid import uuid4

import pytest

from domain.errors import InvalidRequest, NotFound, OutOfStock
from tests.unit.domain.builders import a_stock


def test_restocked_returns_are_on_hand_again():
    stock = a_stock(on_hand=1)

    stock.restock("RMA-1", 2)

    assert (stock.on_hand, stock.available) == (3, 3)


def test_a_transfer_leaves_the_source_and_is_in_transit_until_received():
    source, target = a_stock("DC1", on_hand=10), a_stock("ST1")
    transfer = uuid4()

    source.transfer_out(transfer, "ST1", 4)
    target.expect_transfer(transfer, "DC1", 4)

    assert (source.on_hand, target.on_hand, target.in_transit) == (6, 0, 4)
    target.receive_transfer(transfer)
    assert (target.on_hand, target.in_transit, target.inbound) == (4, 0, {})


def test_a_transfer_beyond_available_stock_is_refused():
    stock = a_stock(on_hand=10, safety_stock=2)
    stock.reserve("order-1", 5)

    with pytest.raises(OutOfStock):
        stock.transfer_out(uuid4(), "ST1", 4)


@pytest.mark.parametrize("quantity", [0, -1])
def test_a_transfer_of_a_non_positive_quantity_is_refused(quantity):
    with pytest.raises(InvalidRequest):
        a_stock(on_hand=10).transfer_out(uuid4(), "ST1", quantity)
    with pytest.raises(InvalidRequest):
        a_stock().expect_transfer(uuid4(), "DC1", quantity)


def test_receiving_a_transfer_that_is_not_in_transit_is_refused():
    stock = a_stock()
    transfer = uuid4()
    stock.expect_transfer(transfer, "DC1", 2)
    stock.receive_transfer(transfer)

    with pytest.raises(NotFound):
        stock.receive_transfer(transfer)
    with pytest.raises(NotFound, match=f"no transfer .* of {stock.sku} is in transit to"):
        stock.receive_transfer(uuid4())
