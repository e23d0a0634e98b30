"""Properties of the sourcing engine over random networks, stock, orders and rule sets."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule
from domain.sourcing import Candidate, Plan, Request, source
from domain.sourcing_explanation import candidate_rows
from domain.sourcing_rules import GroupRule, SourcingRules, SplitRule, Weights
from domain.values import Capability, Channel, DeliveryMethod, GeoPoint, NodeType

SKUS = ["A-1", "A-2", "B-1"]
TYPES = st.frozensets(st.sampled_from(NodeType), min_size=1)


@st.composite
def candidates(draw: st.DrawFn) -> list[Candidate]:
    count = draw(st.integers(0, 7))
    return [
        Candidate(
            node_code=f"N{i}",
            location=GeoPoint(draw(st.floats(45, 55)), draw(st.floats(-5, 15))),
            capabilities=frozenset({Capability.SHIP})
            | draw(st.frozensets(st.sampled_from(Capability))),
            available=draw(st.dictionaries(st.sampled_from(SKUS), st.integers(0, 6))),
            node_type=draw(st.sampled_from(NodeType)),
            priority=draw(st.integers(0, 200)),
            ship_cost=Decimal(draw(st.integers(0, 20))),
            active=draw(st.booleans() | st.just(True)),
            capacity_left=draw(st.none() | st.integers(0, 3)),
        )
        for i in range(count)
    ]


@st.composite
def rule_sets(draw: st.DrawFn) -> SourcingRules:
    weight = st.floats(0, 10) | st.just(0.0)
    groups = draw(
        st.lists(
            st.builds(
                GroupRule,
                st.just("a"),
                st.just(("A-",)),
                st.frozensets(st.sampled_from(Capability), max_size=1),
                st.frozensets(st.sampled_from(NodeType), max_size=2),
                st.frozensets(st.sampled_from(["N0", "N1"]), max_size=1),
            ),
            max_size=1,
        )
    )
    market = ChannelRule(draw(TYPES), draw(st.integers(0, 2)), True)
    return SourcingRules(
        weights=Weights(draw(weight), draw(weight), draw(weight), draw(weight | st.just(1e5))),
        max_shipments=draw(st.none() | st.integers(1, 4)),
        split=SplitRule(draw(st.booleans()), draw(st.integers(1, 3))),
        groups=tuple(groups),
        channels={**DEFAULT_CHANNEL_RULES, Channel.MARKETPLACE: market},
    )


def visible(plan_rules: SourcingRules, request: Request, node: Candidate, sku: str) -> int:
    """What a node may give of a line under the rules (0 when any rule forbids it)."""
    channel = plan_rules.channel(request.channel)
    if not node.active or node.node_type not in channel.node_types:
        return 0
    if node.capacity_left is not None and node.capacity_left <= 0:
        return 0
    if any(
        g.refuses(node.node_code, node.node_type, node.capabilities)
        for g in plan_rules.groups_of(sku)
    ):
        return 0
    return channel.visible(node.available.get(sku, 0))


def single_node_scores(rules: SourcingRules, request: Request, nodes: list[Candidate], plan: Plan):
    scores = {c["node"]: c["score"] for c in candidate_rows(plan.explanation)}
    for node in nodes:
        if all(visible(rules, request, node, s) >= q for s, q in request.lines.items()):
            yield scores[node.node_code]


@settings(max_examples=150, deadline=None)
@given(
    candidates(),
    st.dictionaries(st.sampled_from(SKUS), st.integers(1, 8), min_size=1),
    rule_sets(),
    st.sampled_from([Channel.WEB, Channel.MARKETPLACE]),
)
def test_every_plan_keeps_every_rule_and_no_single_node_plan_beats_it(
    nodes: list[Candidate], lines: dict[str, int], rules: SourcingRules, channel: Channel
):
    request = Request(lines, DeliveryMethod.SHIP, GeoPoint(50, 5), channel=channel)

    plan = source(request, nodes, rules)

    by_code = {n.node_code: n for n in nodes}
    for code, shipment in plan.shipments.items():
        for sku, qty in shipment.items():
            assert 0 < qty <= visible(rules, request, by_code[code], sku)
    for sku, qty in lines.items():
        placed = [s[sku] for s in plan.shipments.values() if sku in s]
        assert sum(placed) + plan.backorders.get(sku, 0) == qty
        if not rules.split.lines:
            assert len(placed) <= 1
        if len(placed) > 1:
            assert min(placed) >= rules.split.min_units
    assert len(plan.shipments) <= (rules.max_shipments or len(nodes))
    assert plan.explanation["chosen"] == sorted(plan.shipments)
    for score in single_node_scores(rules, request, nodes, plan):
        assert not plan.backorders
        assert plan.explanation["score"] <= score + 1e-6
