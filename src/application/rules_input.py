"""The input form of a sourcing rule set (`PUT /sourcing/rules`), checked field by field.

Unknown channels, node types and capabilities, negative weights and `max_shipments` < 1
are refused with the field named; what is omitted takes its default.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from application.commands import Code, Command, Storable, Text
from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule
from domain.sourcing_rules import GroupRule, SourcingRules, SplitRule, Weights
from domain.values import Capability, Channel, NodeType

Weight = Annotated[float, Field(ge=0, le=1_000_000_000, allow_inf_nan=False)]
Prefix = Annotated[str, Storable, Field(min_length=1, max_length=64)]


class WeightsInput(Command):
    distance: Weight = Weights.distance
    cost: Weight = Weights.cost
    priority: Weight = Weights.priority
    shipments: Weight = Weights.shipments


class SplitInput(Command):
    lines: bool = SplitRule.lines
    min_units: Annotated[int, Field(ge=1, le=1_000_000)] = SplitRule.min_units


class GroupInput(Command):
    name: Text
    sku_prefixes: list[Prefix] = Field(min_length=1, max_length=100)
    capabilities: list[Capability] = Field(default_factory=list, max_length=10)
    node_types: list[NodeType] = Field(default_factory=list, max_length=10)
    exclude_nodes: list[Code] = Field(default_factory=list, max_length=1000)


class ChannelInput(Command):
    node_types: list[NodeType] | None = Field(default=None, min_length=1, max_length=10)
    buffer: Annotated[int, Field(ge=0, le=1_000_000)] = 0
    backorder: bool = True


class ReplaceSourcingRules(Command):
    weights: WeightsInput = WeightsInput()
    max_shipments: Annotated[int, Field(ge=1, le=100)] | None = None
    split: SplitInput = SplitInput()
    groups: list[GroupInput] = Field(default_factory=list, max_length=100)
    channels: dict[Channel, ChannelInput] = Field(default_factory=dict)
    preorder_in_transit: bool = False
    pickup_expiry_days: Annotated[int, Field(ge=1, le=365)] = 5

    def rules(self) -> SourcingRules:
        """The domain rule set these inputs describe."""
        channels = dict(DEFAULT_CHANNEL_RULES)
        for channel, rule in self.channels.items():
            types = rule.node_types or DEFAULT_CHANNEL_RULES[channel].node_types
            channels[channel] = ChannelRule(frozenset(types), rule.buffer, rule.backorder)
        return SourcingRules(
            weights=Weights(**self.weights.model_dump()),
            max_shipments=self.max_shipments,
            split=SplitRule(**self.split.model_dump()),
            groups=tuple(
                GroupRule(
                    g.name,
                    tuple(g.sku_prefixes),
                    frozenset(g.capabilities),
                    frozenset(g.node_types),
                    frozenset(g.exclude_nodes),
                )
                for g in self.groups
            ),
            channels=channels,
            preorder_in_transit=self.preorder_in_transit,
            pickup_expiry_days=self.pickup_expiry_days,
        )
