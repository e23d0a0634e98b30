"""The sourcing engine: a pure function from order lines and candidate nodes to a plan."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from domain.sourcing import Request, source
from domain.sourcing_explanation import candidate_rows
from domain.values import Capability, DeliveryMethod, GeoPoint
from tests.unit.domain.builders import (
    AMSTERDAM,
    PARIS,
    ROTTERDAM,
    UTRECHT,
    a_candidate,
)

NOON = datetime(2026, 3, 2, 12, tzinfo=UTC)


def ship(lines=None, *, exclude=frozenset()):
    return Request(lines or {"SKU-1": 2}, DeliveryMethod.SHIP, AMSTERDAM, exclude=exclude)


def pickup(store, lines=None):
    return Request(lines or {"SKU-1": 2}, DeliveryMethod.PICKUP, pickup_node=store)


def reasons(plan):
    return {c["node"]: c["excluded_by"] or "eligible" for c in candidate_rows(plan.explanation)}


def test_one_node_that_can_fill_every_line_gets_the_whole_order():
    plan = source(
        ship({"SKU-1": 2, "SKU-2": 1}), [a_candidate("DC1", stock={"SKU-1": 5, "SKU-2": 5})]
    )

    assert plan.shipments == {"DC1": {"SKU-1": 2, "SKU-2": 1}}
    assert plan.backorders == {}
    assert (plan.explanation["rule"], plan.explanation["chosen"]) == ("single-node", ["DC1"])


def test_the_nearest_node_that_can_fill_the_order_wins():
    plan = source(
        ship(),
        [
            a_candidate("FAR", location=PARIS),
            a_candidate("NEAR", location=UTRECHT),
            a_candidate("MID", location=ROTTERDAM),
        ],
    )

    assert plan.shipments == {"NEAR": {"SKU-1": 2}}
    distances = {c["node"]: c["distance_km"] for c in candidate_rows(plan.explanation)}
    assert distances["NEAR"] < distances["MID"] < distances["FAR"]


def test_a_nearer_node_that_cannot_fill_the_order_loses_to_one_that_can():
    plan = source(
        ship(),
        [
            a_candidate("NEAR", location=UTRECHT, stock={"SKU-1": 1}),
            a_candidate("FAR", location=PARIS),
        ],
    )

    assert plan.shipments == {"FAR": {"SKU-1": 2}}


def test_at_equal_distance_the_higher_priority_node_wins():
    plan = source(ship(), [a_candidate("LOW", priority=50), a_candidate("HIGH", priority=10)])

    assert plan.shipments == {"HIGH": {"SKU-1": 2}}


def test_at_equal_distance_and_priority_the_cheaper_node_wins():
    plan = source(
        ship(),
        [
            a_candidate("DEAR", ship_cost=Decimal("9.00")),
            a_candidate("CHEAP", ship_cost=Decimal("3.00")),
        ],
    )

    assert plan.shipments == {"CHEAP": {"SKU-1": 2}}


def test_a_full_tie_is_broken_by_node_code_so_plans_are_repeatable():
    plan = source(ship(), [a_candidate("B"), a_candidate("A")])

    assert plan.shipments == {"A": {"SKU-1": 2}}


def test_lines_are_split_when_no_single_node_can_fill_the_order():
    plan = source(
        ship({"SKU-1": 5, "SKU-2": 1}),
        [
            a_candidate("FAR", location=PARIS, stock={"SKU-1": 10}),
            a_candidate("NEAR", location=UTRECHT, stock={"SKU-1": 3, "SKU-2": 1}),
        ],
    )

    assert plan.shipments == {"NEAR": {"SKU-2": 1}, "FAR": {"SKU-1": 5}}
    assert plan.backorders == {}
    assert plan.explanation["rule"] == "split"


def test_what_no_node_can_fill_is_backordered():
    plan = source(
        ship({"SKU-1": 5, "SKU-2": 2}),
        [a_candidate("DC1", stock={"SKU-1": 3}), a_candidate("DC2", stock={})],
    )

    assert plan.shipments == {"DC1": {"SKU-1": 3}}
    assert plan.backorders == {"SKU-1": 2, "SKU-2": 2}
    assert plan.explanation["rule"] == "partial"


def test_everything_is_backordered_when_no_node_has_stock():
    plan = source(ship(), [a_candidate("DC1", stock={"SKU-1": 0})])

    assert (plan.shipments, plan.backorders) == ({}, {"SKU-1": 2})
    assert plan.explanation["rule"] == "backorder"


def test_everything_is_backordered_when_there_are_no_candidates():
    plan = source(ship(), [])

    assert (plan.shipments, plan.backorders, candidate_rows(plan.explanation)) == (
        {},
        {"SKU-1": 2},
        [],
    )


def test_nothing_is_sourced_for_a_request_with_nothing_left_to_source():
    plan = source(ship({"SKU-1": 0}), [a_candidate("DC1")])

    assert (plan.shipments, plan.backorders) == ({}, {})
    assert plan.explanation["rule"] == "nothing-to-source"


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        (a_candidate("X", active=False), "inactive"),
        (a_candidate("X", downtimes=((NOON, NOON + timedelta(hours=1)),)), "down"),
        (a_candidate("X", capacity_left=0), "daily capacity reached"),
        (a_candidate("X", capabilities=(Capability.PICKUP,)), "cannot SHIP"),
    ],
)
def test_ineligible_nodes_are_skipped_with_the_reason_explained(candidate, reason):
    plan = source(ship(), [candidate, a_candidate("OK", location=PARIS)], now=NOON)

    assert plan.shipments == {"OK": {"SKU-1": 2}}
    assert reasons(plan) == {"X": reason, "OK": "eligible"}


def test_excluded_nodes_are_skipped_so_a_rejected_shipment_is_re_sourced_elsewhere():
    plan = source(
        ship(exclude=frozenset({"DC1"})), [a_candidate("DC1"), a_candidate("DC2", location=PARIS)]
    )

    assert plan.shipments == {"DC2": {"SKU-1": 2}}
    assert reasons(plan)["DC1"] == "rejected this order"


def test_a_node_with_capacity_left_is_eligible():
    plan = source(ship(), [a_candidate("DC1", capacity_left=1)])

    assert plan.shipments == {"DC1": {"SKU-1": 2}}


def test_a_pickup_order_is_sourced_only_from_its_pickup_store():
    store_caps = (Capability.PICKUP,)
    plan = source(
        pickup("ST2"),
        [
            a_candidate("ST1", capabilities=store_caps, stock={"SKU-1": 10}),
            a_candidate("ST2", capabilities=store_caps, stock={"SKU-1": 1}),
            a_candidate("DC1", capabilities=(Capability.SHIP, Capability.PICKUP)),
        ],
    )

    assert plan.shipments == {"ST2": {"SKU-1": 1}}
    assert plan.backorders == {"SKU-1": 1}
    assert reasons(plan) == {
        "ST1": "not the pickup store",
        "ST2": "eligible",
        "DC1": "not the pickup store",
    }
    assert all(c["distance_km"] is None for c in candidate_rows(plan.explanation))


def test_a_pickup_store_that_cannot_do_pickups_is_skipped():
    plan = source(pickup("ST1"), [a_candidate("ST1", capabilities=(Capability.SHIP,))])

    assert reasons(plan) == {"ST1": "cannot PICKUP"}
    assert plan.backorders == {"SKU-1": 2}


def test_the_explanation_keeps_where_the_order_goes_only_to_about_a_kilometre():
    home = GeoPoint(52.371234, 4.896789)  # an address: it must not be read back from the log
    request = Request({"SKU-1": 2}, DeliveryMethod.SHIP, home)
    plan = source(
        request, [a_candidate("NEAR", location=UTRECHT), a_candidate("FAR", location=PARIS)]
    )

    assert plan.explanation["request"]["destination"] == [52.37, 4.9]
    distances = [c["distance_km"] for c in candidate_rows(plan.explanation)]
    assert distances == [round(home.distance_km(UTRECHT)), round(home.distance_km(PARIS))]
    assert all(d is not None and d == int(d) for d in distances)
    assert plan.shipments == {"NEAR": {"SKU-1": 2}}
