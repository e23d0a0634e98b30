"""Which nodes' stock each sales channel may sell."""

import pytest

from domain.channels import ChannelRule, channels_of, sells_from
from domain.values import Channel, NodeType

SHIP = ["SHIP", "RETURNS"]


@pytest.mark.parametrize(
    ("node_type", "capabilities", "expected"),
    [
        ("DC", SHIP, ["WEB", "MOBILE", "CALL_CENTER", "MARKETPLACE"]),
        ("WAREHOUSE", SHIP, ["WEB", "MOBILE", "CALL_CENTER", "MARKETPLACE"]),
        ("DROPSHIP", ["SHIP"], ["WEB", "MOBILE", "CALL_CENTER", "MARKETPLACE"]),
        ("STORE", ["SHIP", "PICKUP"], ["WEB", "MOBILE", "CALL_CENTER", "STORE"]),
        ("STORE", ["PICKUP"], ["STORE"]),
        ("DC", ["RETURNS"], []),
    ],
)
def test_each_channel_sells_from_the_nodes_its_rules_name(
    node_type: str, capabilities: list[str], expected: list[str]
) -> None:
    assert channels_of(node_type, capabilities, active=True) == expected


def test_no_channel_sells_from_an_inactive_node() -> None:
    assert channels_of("DC", SHIP, active=False) == []
    assert not sells_from(Channel.STORE, "STORE", ["PICKUP"], active=False)


def test_a_channel_rule_decides_which_node_types_count_and_holds_its_buffer_back():
    rule = ChannelRule(frozenset({NodeType.DC}), buffer=2)

    assert sells_from(Channel.MARKETPLACE, "DC", ["SHIP"], True, rule)
    assert not sells_from(Channel.MARKETPLACE, "WAREHOUSE", ["SHIP"], True, rule)
    assert (rule.visible(5), rule.visible(2)) == (3, 0)
