"""Every sourcing rule, table-driven: each case is a network, an order, a rule set and the
nodes that must (or must not) be chosen, with the reason an excluded node was skipped."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule
from domain.sourcing import Candidate, Request, source
from domain.sourcing_explanation import candidate_rows
from domain.sourcing_rules import GroupRule, SourcingRules, SplitRule, Weights
from domain.values import Capability, Channel, DeliveryMethod, NodeType
from tests.unit.domain.builders import AMSTERDAM, PARIS, ROTTERDAM, UTRECHT, a_candidate

NOW = datetime(2026, 3, 2, 12, tzinfo=UTC)
SHIP = (Capability.SHIP,)
SPECIAL = (Capability.SHIP, Capability.SPECIAL_HANDLING)
HAZ = {"HAZ-1": 5}


def channel(name: Channel, rule: ChannelRule) -> SourcingRules:
    return SourcingRules(channels={**DEFAULT_CHANNEL_RULES, name: rule})


@dataclass
class Case:
    name: str
    candidates: list[Candidate]
    lines: dict[str, int]
    shipments: dict[str, dict[str, int]]
    rules: SourcingRules = field(default_factory=SourcingRules)
    backorders: dict[str, int] = field(default_factory=dict)
    channel: Channel = Channel.WEB
    excluded: dict[str, str] = field(default_factory=dict)


CASES = [
    Case(
        "nearest wins when weights favour distance",
        [
            a_candidate("FAR", location=PARIS, ship_cost=Decimal("1")),
            a_candidate("NEAR", location=UTRECHT, ship_cost=Decimal("9")),
        ],
        {"SKU-1": 2},
        {"NEAR": {"SKU-1": 2}},
        SourcingRules(weights=Weights(distance=1.0, cost=0.0)),
    ),
    Case(
        "cheapest wins when weights favour cost",
        [
            a_candidate("FAR", location=PARIS, ship_cost=Decimal("1")),
            a_candidate("NEAR", location=UTRECHT, ship_cost=Decimal("9")),
        ],
        {"SKU-1": 2},
        {"FAR": {"SKU-1": 2}},
        SourcingRules(weights=Weights(distance=0.0, cost=1.0)),
    ),
    Case(
        "highest priority (lowest number) wins when weights favour priority",
        [
            a_candidate("NEAR", location=UTRECHT, priority=50),
            a_candidate("FAR", location=PARIS, priority=1),
        ],
        {"SKU-1": 2},
        {"FAR": {"SKU-1": 2}},
        SourcingRules(weights=Weights(distance=0.0, priority=1.0)),
    ),
    Case(
        "two near nodes beat one far node when shipments cost nothing",
        [
            a_candidate("A", location=UTRECHT, stock={"SKU-1": 1, "SKU-2": 0}),
            a_candidate("B", location=ROTTERDAM, stock={"SKU-2": 1}),
            a_candidate("FAR", location=PARIS, stock={"SKU-1": 1, "SKU-2": 1}),
        ],
        {"SKU-1": 1, "SKU-2": 1},
        {"A": {"SKU-1": 1}, "B": {"SKU-2": 1}},
        SourcingRules(weights=Weights(distance=1.0, shipments=0.0)),
    ),
    Case(
        "fewer shipments win when that weight dominates",
        [
            a_candidate("A", location=UTRECHT, stock={"SKU-1": 1}),
            a_candidate("B", location=ROTTERDAM, stock={"SKU-2": 1}),
            a_candidate("FAR", location=PARIS, stock={"SKU-1": 1, "SKU-2": 1}),
        ],
        {"SKU-1": 1, "SKU-2": 1},
        {"FAR": {"SKU-1": 1, "SKU-2": 1}},
        SourcingRules(weights=Weights(distance=1.0, shipments=1000.0)),
    ),
    Case(
        "max_shipments caps a split; the rest is backordered",
        [
            a_candidate("A", location=UTRECHT, stock={"SKU-1": 1}),
            a_candidate("B", location=ROTTERDAM, stock={"SKU-2": 1}),
            a_candidate("C", location=PARIS, stock={"SKU-3": 1}),
        ],
        {"SKU-1": 1, "SKU-2": 1, "SKU-3": 1},
        {"A": {"SKU-1": 1}, "B": {"SKU-2": 1}},
        SourcingRules(max_shipments=2),
        backorders={"SKU-3": 1},
    ),
    Case(
        "a line is split across nodes when the rules allow it",
        [
            a_candidate("NEAR", location=UTRECHT, stock={"SKU-1": 3}),
            a_candidate("MID", location=ROTTERDAM, stock={"SKU-1": 4}),
        ],
        {"SKU-1": 5},
        {"NEAR": {"SKU-1": 3}, "MID": {"SKU-1": 2}},
    ),
    Case(
        "a line that may not split comes from one node, the rest backordered",
        [
            a_candidate("NEAR", location=UTRECHT, stock={"SKU-1": 3}),
            a_candidate("MID", location=ROTTERDAM, stock={"SKU-1": 4}),
        ],
        {"SKU-1": 5},
        {"MID": {"SKU-1": 4}},
        SourcingRules(split=SplitRule(lines=False)),
        backorders={"SKU-1": 1},
    ),
    Case(
        "whole lines are placed before any line is split",
        [
            a_candidate("NEAR", location=UTRECHT, stock={"SKU-1": 3, "SKU-2": 1}),
            a_candidate("MID", location=ROTTERDAM, stock={"SKU-1": 5}),
        ],
        {"SKU-1": 5, "SKU-2": 1},
        {"NEAR": {"SKU-2": 1}, "MID": {"SKU-1": 5}},
    ),
    Case(
        "a split line takes min_units or more from each node",
        [
            a_candidate("NEAR", location=UTRECHT, stock={"SKU-1": 4}),
            a_candidate("FAR", location=PARIS, stock={"SKU-1": 4}),
        ],
        {"SKU-1": 5},
        {"NEAR": {"SKU-1": 3}, "FAR": {"SKU-1": 2}},
        SourcingRules(split=SplitRule(min_units=2)),
    ),
    Case(
        "a product group goes only to its node types with its capabilities",
        [
            a_candidate(
                "STORE", location=UTRECHT, node_type=NodeType.STORE, capabilities=SPECIAL, stock=HAZ
            ),
            a_candidate("PLAIN", location=ROTTERDAM, capabilities=SHIP, stock=HAZ),
            a_candidate("HAZDC", location=PARIS, capabilities=SPECIAL, stock=HAZ),
        ],
        {"HAZ-1": 1},
        {"HAZDC": {"HAZ-1": 1}},
        SourcingRules(
            groups=(
                GroupRule(
                    "hazmat",
                    ("HAZ-",),
                    frozenset({Capability.SPECIAL_HANDLING}),
                    frozenset({NodeType.DC}),
                ),
            )
        ),
        excluded={
            "STORE": "group hazmat: node type STORE not allowed",
            "PLAIN": "group hazmat: needs SPECIAL_HANDLING",
        },
    ),
    Case(
        "a product group's excluded node never serves it but serves other lines",
        [
            a_candidate("NEAR", location=UTRECHT, stock={"HAZ-1": 5, "SKU-1": 5}),
            a_candidate("FAR", location=PARIS, stock={"HAZ-1": 5}),
        ],
        {"HAZ-1": 1, "SKU-1": 1},
        {"NEAR": {"SKU-1": 1}, "FAR": {"HAZ-1": 1}},
        SourcingRules(groups=(GroupRule("h", ("HAZ-",), exclude_nodes=frozenset({"NEAR"})),)),
    ),
    Case(
        "a marketplace order never goes to a store",
        [
            a_candidate("STORE", location=UTRECHT, node_type=NodeType.STORE),
            a_candidate("DC", location=PARIS),
        ],
        {"SKU-1": 2},
        {"DC": {"SKU-1": 2}},
        channel=Channel.MARKETPLACE,
        excluded={"STORE": "channel MARKETPLACE: node type STORE not allowed"},
    ),
    Case(
        "a channel's node types can be changed by the rules",
        [
            a_candidate("DC", location=UTRECHT),
            a_candidate("SHIPPER", location=PARIS, node_type=NodeType.DROPSHIP),
        ],
        {"SKU-1": 2},
        {"SHIPPER": {"SKU-1": 2}},
        channel(Channel.WEB, ChannelRule(frozenset({NodeType.DROPSHIP}))),
        excluded={"DC": "channel WEB: node type DC not allowed"},
    ),
    Case(
        "a channel buffer holds units back at every node",
        [
            a_candidate("NEAR", location=UTRECHT, stock={"SKU-1": 3}),
            a_candidate("FAR", location=PARIS, stock={"SKU-1": 5}),
        ],
        {"SKU-1": 2},
        {"FAR": {"SKU-1": 2}},
        channel(Channel.WEB, ChannelRule(buffer=2)),
    ),
    Case(
        "a node down now is skipped",
        [
            a_candidate("NEAR", location=UTRECHT, downtimes=((NOW, NOW.replace(hour=18)),)),
            a_candidate("FAR", location=PARIS),
        ],
        {"SKU-1": 2},
        {"FAR": {"SKU-1": 2}},
        excluded={"NEAR": "down"},
    ),
    Case(
        "a node whose downtime is over serves again",
        [
            a_candidate("NEAR", location=UTRECHT, downtimes=((NOW.replace(hour=1), NOW),)),
            a_candidate("FAR", location=PARIS),
        ],
        {"SKU-1": 2},
        {"NEAR": {"SKU-1": 2}},
    ),
    Case(
        "a node out of daily capacity is skipped",
        [
            a_candidate("NEAR", location=UTRECHT, capacity_left=0),
            a_candidate("FAR", location=PARIS, capacity_left=1),
        ],
        {"SKU-1": 2},
        {"FAR": {"SKU-1": 2}},
        excluded={"NEAR": "daily capacity reached"},
    ),
    Case(
        "an inactive node is skipped",
        [a_candidate("NEAR", location=UTRECHT, active=False), a_candidate("FAR", location=PARIS)],
        {"SKU-1": 2},
        {"FAR": {"SKU-1": 2}},
        excluded={"NEAR": "inactive"},
    ),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_each_rule_decides_as_stated(case: Case):
    request = Request(case.lines, DeliveryMethod.SHIP, AMSTERDAM, channel=case.channel)

    plan = source(request, case.candidates, case.rules, NOW, version=7)

    assert {n: dict(lines) for n, lines in plan.shipments.items()} == case.shipments
    assert dict(plan.backorders) == case.backorders
    reasons = {c["node"]: c["excluded_by"] for c in candidate_rows(plan.explanation)}
    for node, reason in case.excluded.items():
        assert reasons[node] == reason
    assert plan.explanation["rules_version"] == 7
    assert plan.explanation["chosen"] == sorted(case.shipments)


def explained(plan: Any) -> dict[str, Any]:
    return {c["node"]: c for c in candidate_rows(plan.explanation)}
