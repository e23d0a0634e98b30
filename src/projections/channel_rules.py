"""The channel rules the stock read model counts by: those of the sourcing rule set in force.

Kept in `stock.channel_rules` (one row per channel, none before the first rule set), so
`byChannel` and the sourcing engine count a channel's stock by the same rules.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from psycopg import Cursor

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule
from domain.rule_set import SourcingRuleSet
from domain.sourcing_rules import SourcingRules
from domain.values import Channel, NodeType
from projections import rows
from projections.rows import Row

Rules = dict[Channel, ChannelRule]


def load(cur: Cursor[Any]) -> Rules:
    found = rows.query(cur, "SELECT * FROM channel_rules", ())
    rules = dict(DEFAULT_CHANNEL_RULES)
    for row in found:
        types = frozenset(NodeType(t) for t in row["node_types"])
        rules[Channel(row["channel"])] = ChannelRule(types, row["buffer"])
    return rules


def replaced(event: SourcingRuleSet.Replaced) -> Rules:
    return dict(SourcingRules.from_dict(event.rules).channels)


def save(cur: Cursor[Any], rules: Mapping[Channel, ChannelRule], version: int) -> None:
    rows.upsert(cur, "channel_rules", ["channel"], (_row(c, r, version) for c, r in rules.items()))


def _row(channel: Channel, rule: ChannelRule, version: int) -> Row:
    return {
        "channel": str(channel),
        "node_types": sorted(str(t) for t in rule.node_types),
        "buffer": rule.buffer,
        "rules_version": version,
    }
