"""Which fulfilment steps take the goods off the node's shelf."""

import pytest

from domain.shipment import GONE, LEAVES_NODE, STEPS


@pytest.mark.parametrize(
    ("step", "leaves"),
    [
        ("pick", False),
        ("pack", False),
        ("ship", True),
        ("deliver", False),  # already gone when shipped
        ("ready-for-pickup", False),
        ("collect", True),
        ("reject", False),
    ],
)
def test_the_goods_leave_the_node_when_shipped_or_collected(step: str, leaves: bool) -> None:
    assert (step in LEAVES_NODE) is leaves


@pytest.mark.parametrize("step", sorted(STEPS))
def test_a_step_leaves_the_node_exactly_when_it_leads_from_the_shelf_to_gone(step: str) -> None:
    sources, target = STEPS[step]

    assert (step in LEAVES_NODE) is (target in GONE and not sources & GONE)
