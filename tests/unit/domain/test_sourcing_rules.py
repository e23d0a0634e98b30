"""The sourcing rule set: defaults, stored form, product groups and channel terms."""

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule
from domain.rule_set import SourcingRuleSet
from domain.sourcing_rules import GroupRule, SourcingRules, Weights
from domain.values import Capability, Channel, NodeType


def test_the_default_rules_favour_distance_and_one_shipment_over_any_distance():
    rules = SourcingRules()

    assert rules.weights == Weights(distance=1.0, cost=0.0, priority=0.0, shipments=100_000.0)
    assert rules.max_shipments is None
    assert rules.split.lines is True
    assert all(rules.channel(c).backorder for c in Channel)


def test_a_rule_set_survives_its_stored_form_unchanged():
    rules = SourcingRules(
        weights=Weights(cost=2.5, shipments=10.0),
        max_shipments=2,
        groups=(
            GroupRule(
                "hazmat",
                ("HAZ-",),
                frozenset({Capability.SPECIAL_HANDLING}),
                frozenset({NodeType.DC}),
                frozenset({"DC9"}),
            ),
        ),
        channels={
            **DEFAULT_CHANNEL_RULES,
            Channel.MARKETPLACE: ChannelRule(frozenset({NodeType.DC}), 2, False),
        },
    )

    assert SourcingRules.from_dict(rules.to_dict()) == rules


def test_channels_a_stored_set_omits_keep_their_defaults():
    rules = SourcingRules.from_dict({"channels": {"WEB": {"buffer": 3}}})

    assert rules.channel(Channel.WEB) == ChannelRule(frozenset(NodeType), 3, True)
    assert rules.channel(Channel.MARKETPLACE) == DEFAULT_CHANNEL_RULES[Channel.MARKETPLACE]


def test_a_group_names_why_it_refuses_a_node():
    group = GroupRule(
        "hazmat", ("HAZ-",), frozenset({Capability.SPECIAL_HANDLING}), frozenset({NodeType.DC})
    )
    ship = frozenset({Capability.SHIP})
    special = ship | {Capability.SPECIAL_HANDLING}

    assert group.covers("HAZ-1")
    assert not group.covers("TOY-1")
    assert (
        group.refuses("S1", NodeType.STORE, special) == "group hazmat: node type STORE not allowed"
    )
    assert group.refuses("DC1", NodeType.DC, ship) == "group hazmat: needs SPECIAL_HANDLING"
    assert group.refuses("DC1", NodeType.DC, special) is None


def test_a_channel_buffer_holds_units_back_but_never_below_zero():
    rule = ChannelRule(buffer=2)

    assert (rule.visible(5), rule.visible(1)) == (3, 0)


def test_each_replacement_of_the_rule_set_is_the_next_version():
    rule_set = SourcingRuleSet.start()
    assert rule_set.rules_version == 0

    rule_set.replace(SourcingRules(max_shipments=1))
    rule_set.replace(SourcingRules(max_shipments=2))

    assert rule_set.rules_version == 2
    assert rule_set.rules.max_shipments == 2
