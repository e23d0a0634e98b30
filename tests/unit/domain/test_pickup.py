"""The store finder's rule: who can hand over a SKU now, nearest first (BOPIS)."""

from datetime import UTC, datetime, timedelta

import pytest

from domain.channels import ChannelRule
from domain.pickup import PickupQuery, pickup_nodes
from domain.sourcing import Candidate
from domain.values import Capability, Channel, GeoPoint, NodeType

NOW = datetime(2026, 11, 30, 12, tzinfo=UTC)
AMSTERDAM = GeoPoint(52.3676, 4.9041)
PICKUP = frozenset({Capability.PICKUP})
BOTH = frozenset({Capability.PICKUP, Capability.SHIP})


def a_node(code, lat, lon, units, caps=PICKUP, node_type=NodeType.STORE, **kwargs) -> Candidate:
    return Candidate(code, GeoPoint(lat, lon), caps, {"KITE": units}, node_type=node_type, **kwargs)


NODES = [
    a_node("NEAR", 52.3700, 4.8900, 5, BOTH),  # ~1 km
    a_node("FAR", 52.3000, 4.7500, 5),  # ~13 km
    a_node("NO-PICKUP", 52.3680, 4.9000, 5, frozenset({Capability.SHIP})),
    a_node("LOW", 52.3600, 4.9300, 1),  # ~2 km
    a_node("ROTTERDAM", 51.9244, 4.4777, 5),  # ~57 km
    a_node("CLOSED", 52.3650, 4.9100, 5, active=False),
    a_node(
        "STOCKTAKE",
        52.3690,
        4.9050,
        5,
        downtimes=((NOW - timedelta(hours=1), NOW + timedelta(minutes=1)),),
    ),
    a_node("DC", 52.40, 4.95, 50, BOTH, NodeType.DC),  # ~4.7 km
]


@pytest.mark.parametrize(
    ("query", "rule", "expected"),
    [
        (PickupQuery("KITE", 2, AMSTERDAM, 10.0), None, ["NEAR", "DC"]),
        (PickupQuery("KITE", 2, AMSTERDAM), None, ["NEAR", "DC", "FAR", "ROTTERDAM"]),
        (PickupQuery("KITE", 1, AMSTERDAM, 3.0), None, ["NEAR", "LOW"]),
        (PickupQuery("KITE", 2), None, ["DC", "FAR", "NEAR", "ROTTERDAM"]),  # stock, then code
        (PickupQuery("KITE", 51), None, []),
        (PickupQuery("OTHER", 1), None, []),
        # A STORE channel sells from stores only; WEB from nodes that ship.
        (PickupQuery("KITE", 2, channel=Channel.STORE), None, ["FAR", "NEAR", "ROTTERDAM"]),
        (PickupQuery("KITE", 2, channel=Channel.WEB), None, ["DC", "NEAR"]),
        # The channel's buffer holds units back at every node.
        (PickupQuery("KITE", 2, channel=Channel.WEB), ChannelRule(buffer=4), ["DC"]),
        (
            PickupQuery("KITE", 2, channel=Channel.WEB),
            ChannelRule(frozenset({NodeType.STORE})),
            ["NEAR"],
        ),
    ],
    ids=[
        "radius",
        "no-radius",
        "small-radius",
        "no-point",
        "too-many",
        "other-sku",
        "store-channel",
        "web-channel",
        "buffer",
        "channel-node-types",
    ],
)
def test_the_finder_keeps_open_pickup_nodes_with_enough_stock_in_its_order(
    query: PickupQuery, rule: ChannelRule | None, expected: list[str]
) -> None:
    assert [n.node_code for n in pickup_nodes(query, NODES, NOW, rule)] == expected


def test_a_downtime_that_ended_no_longer_closes_the_node() -> None:
    later = NOW + timedelta(minutes=1)
    found = pickup_nodes(PickupQuery("KITE", 5, AMSTERDAM, 1.0), NODES, later)

    assert [n.node_code for n in found] == ["STOCKTAKE", "NEAR"]


def test_distances_are_great_circle_kilometres_and_absent_without_a_point() -> None:
    [near] = pickup_nodes(PickupQuery("KITE", 5, AMSTERDAM, 1.5), NODES[:1], NOW)
    [unplaced] = pickup_nodes(PickupQuery("KITE", 5), NODES[:1], NOW)

    assert near.distance_km == pytest.approx(AMSTERDAM.distance_km(GeoPoint(52.37, 4.89)))
    assert 0.9 < near.distance_km < 1.1
    assert unplaced.distance_km is None
