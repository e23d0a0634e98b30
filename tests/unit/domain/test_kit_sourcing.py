"""Ship-together kits through the sourcing engine: whole kit lines from one node."""

from decimal import Decimal

import pytest

from domain.kit_sourcing import source_with_kits, together_kits
from domain.order_line import OrderLine
from domain.sourcing import Request
from domain.sourcing_rules import SourcingRules
from domain.values import DeliveryMethod
from tests.unit.domain.builders import AMSTERDAM, PARIS, UTRECHT, a_candidate

CAMERA = OrderLine(
    "CAM-KIT", 2, Decimal("300.00"), components={"BODY": 1, "LENS": 2}, ship_together=True
)
LOOSE = OrderLine("TRIPOD-KIT", 1, Decimal("50.00"), components={"LEGS": 3, "HEAD": 1})
TEE = OrderLine("TEE", 1, Decimal("10.00"))
LINES = {line.sku: line for line in (CAMERA, LOOSE, TEE)}


def request(lines):
    return Request(lines=lines, method=DeliveryMethod.SHIP, destination=AMSTERDAM)


def test_only_ship_together_kit_lines_become_kits_for_the_engine():
    wanted = {"BODY": 2, "LENS": 4, "LEGS": 3, "HEAD": 1, "TEE": 1}
    assert together_kits(LINES, wanted) == {"CAM-KIT": 2}


@pytest.mark.parametrize(
    ("near", "far", "shipments", "backorders"),
    [
        # The near node holds every part of both kits: one shipment from it.
        ({"BODY": 2, "LENS": 4}, {"BODY": 2, "LENS": 4}, {"NEAR": {"BODY": 2, "LENS": 4}}, {}),
        # The near node lacks a lens for the second kit: the whole line goes far.
        ({"BODY": 2, "LENS": 3}, {"BODY": 2, "LENS": 4}, {"FAR": {"BODY": 2, "LENS": 4}}, {}),
        # Nobody holds both kits: the line waits whole, nothing is split between nodes.
        ({"BODY": 1, "LENS": 4}, {"BODY": 2, "LENS": 2}, {}, {"BODY": 2, "LENS": 4}),
    ],
)
def test_a_ship_together_kit_line_comes_whole_from_one_node(near, far, shipments, backorders):
    candidates = [
        a_candidate("NEAR", location=UTRECHT, stock=near),
        a_candidate("FAR", location=PARIS, stock=far),
    ]
    plan = source_with_kits(
        {"CAM-KIT": CAMERA}, request({"BODY": 2, "LENS": 4}), candidates, SourcingRules(), None
    )
    assert {n: dict(s) for n, s in plan.shipments.items()} == shipments
    assert dict(plan.backorders) == backorders
    assert plan.explanation["kits"]["request"]


def test_components_of_a_loose_kit_and_plain_lines_are_sourced_from_what_the_kits_left():
    candidates = [
        a_candidate("NEAR", location=UTRECHT, stock={"BODY": 2, "LENS": 4, "TEE": 1, "LEGS": 3}),
        a_candidate("FAR", location=PARIS, stock={"HEAD": 1, "LENS": 1, "TEE": 1}),
    ]
    wanted = {"BODY": 2, "LENS": 4, "LEGS": 3, "HEAD": 1, "TEE": 1}

    plan = source_with_kits(LINES, request(wanted), candidates, SourcingRules(), None)

    assert {n: dict(s) for n, s in plan.shipments.items()} == {
        "NEAR": {"BODY": 2, "LENS": 4, "LEGS": 3, "TEE": 1},
        "FAR": {"HEAD": 1},
    }
    assert dict(plan.backorders) == {}
    assert plan.explanation["chosen"] == ["FAR", "NEAR"]
