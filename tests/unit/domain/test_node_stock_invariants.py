"""NodeStock invariants hold for any sequence of commands (refused commands change nothing)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.errors import DomainError
from domain.node_stock import NodeStock
from tests.unit.domain.builders import levels

COMMANDS = [
    "receive",
    "reserve",
    "release",
    "ship",
    "restock",
    "adjust_delta",
    "adjust_counted",
    "set_safety_stock",
]


def around(bound: int) -> st.SearchStrategy[int]:
    """Quantities near a bound the stock imposes, so limits are probed on both sides."""
    return st.integers(min_value=-1, max_value=max(bound, 0) + 2)


def draw_and_run(data: st.DataObject, stock: NodeStock) -> None:
    name = data.draw(st.sampled_from(COMMANDS))
    reference = data.draw(st.sampled_from(["order-1", "order-2"]))
    held = stock.reserved
    if name in ("receive", "restock"):
        quantity = data.draw(around(10))
        stock.receive(quantity) if name == "receive" else stock.restock(reference, quantity)
    elif name == "reserve":
        stock.reserve(reference, data.draw(around(stock.available)))
    elif name in ("release", "ship"):
        getattr(stock, name)(reference, data.draw(around(held)))
    elif name == "adjust_delta":
        stock.adjust("test", delta=data.draw(st.integers(-stock.on_hand - 1, 5)))
    elif name == "adjust_counted":
        stock.adjust("test", counted=data.draw(around(stock.on_hand)))
    else:
        stock.set_safety_stock(data.draw(around(stock.on_hand)))


@settings(max_examples=300, deadline=None)
@given(st.data(), st.integers(min_value=0, max_value=30))
def test_stock_never_goes_negative_and_refusals_change_nothing(data, length):
    stock = NodeStock.open("DC1", "SKU-1")
    for _ in range(length):
        before = levels(stock)
        try:
            draw_and_run(data, stock)
        except DomainError:
            assert levels(stock) == before, "a refusal changes nothing"
        assert stock.on_hand >= 0
        assert stock.reserved >= 0
        assert stock.available >= 0
        assert stock.available == max(0, stock.on_hand - stock.reserved - stock.safety_stock)
