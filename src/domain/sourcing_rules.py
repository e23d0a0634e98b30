"""The sourcing rule set: a value object saying how the engine weighs and limits plans.

The default set is the behaviour before rules existed: nearest node first, one node for
the whole order whenever one can fill it, splits otherwise, backorders allowed. A plan's
score is the sum over its shipments of `distance * km + cost * ship_cost + priority *
node priority`, plus `shipments` per shipment; lower is better. The default shipments
weight (100,000) is larger than any distance on Earth, so one shipment always beats two.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule
from domain.values import Capability, Channel, NodeType


@dataclass(frozen=True)
class Weights:
    distance: float = 1.0
    cost: float = 0.0
    priority: float = 0.0
    shipments: float = 100_000.0


@dataclass(frozen=True)
class SplitRule:
    lines: bool = True  # False: a line is filled by one node (the rest backordered)
    min_units: int = 1  # a part of a split line holds at least this many units


@dataclass(frozen=True)
class GroupRule:
    """Where the SKUs of a product group may come from."""

    name: str
    sku_prefixes: tuple[str, ...]
    capabilities: frozenset[Capability] = frozenset()
    node_types: frozenset[NodeType] = frozenset()  # empty: any type
    exclude_nodes: frozenset[str] = frozenset()

    def covers(self, sku: str) -> bool:
        return sku.startswith(self.sku_prefixes)

    def refuses(self, code: str, node_type: NodeType, caps: frozenset[Capability]) -> str | None:
        """Why a node may not serve this group's SKUs, or None when it may."""
        if code in self.exclude_nodes:
            return f"group {self.name}: node excluded"
        if self.node_types and node_type not in self.node_types:
            return f"group {self.name}: node type {node_type} not allowed"
        missing = sorted(self.capabilities - caps)
        if missing:
            return f"group {self.name}: needs {', '.join(missing)}"
        return None


@dataclass(frozen=True)
class SourcingRules:
    weights: Weights = Weights()
    max_shipments: int | None = None  # None: as many as the order needs
    split: SplitRule = SplitRule()
    groups: tuple[GroupRule, ...] = ()
    channels: Mapping[Channel, ChannelRule] = field(
        default_factory=lambda: dict(DEFAULT_CHANNEL_RULES)
    )
    preorder_in_transit: bool = False
    pickup_expiry_days: int = 5

    def channel(self, channel: Channel) -> ChannelRule:
        return self.channels.get(channel, DEFAULT_CHANNEL_RULES[channel])

    def groups_of(self, sku: str) -> tuple[GroupRule, ...]:
        if not self.groups:  # most rule sets: no generator per line
            return ()
        return tuple(g for g in self.groups if g.covers(sku))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> SourcingRules:
        """The rule set from its stored form (validated when it was accepted)."""
        channels = {
            Channel(name): ChannelRule(
                frozenset(NodeType(t) for t in rule["node_types"])
                if rule.get("node_types") is not None
                else DEFAULT_CHANNEL_RULES[Channel(name)].node_types,
                int(rule.get("buffer", 0)),
                bool(rule.get("backorder", True)),
            )
            for name, rule in (data.get("channels") or {}).items()
        }
        return cls(
            weights=Weights(**{k: float(v) for k, v in (data.get("weights") or {}).items()}),
            max_shipments=data.get("max_shipments"),
            split=SplitRule(**(data.get("split") or {})),
            groups=tuple(
                GroupRule(
                    g["name"],
                    tuple(g["sku_prefixes"]),
                    frozenset(Capability(c) for c in g.get("capabilities", ())),
                    frozenset(NodeType(t) for t in g.get("node_types", ())),
                    frozenset(g.get("exclude_nodes", ())),
                )
                for g in data.get("groups") or ()
            ),
            channels={**DEFAULT_CHANNEL_RULES, **channels},
            preorder_in_transit=bool(data.get("preorder_in_transit", False)),
            pickup_expiry_days=int(data.get("pickup_expiry_days", 5)),
        )

    def to_dict(self) -> dict[str, Any]:
        """The complete rule set in its stored (and answered) form."""
        return {
            "weights": vars(self.weights).copy(),
            "max_shipments": self.max_shipments,
            "split": vars(self.split).copy(),
            "groups": [
                {
                    "name": g.name,
                    "sku_prefixes": list(g.sku_prefixes),
                    "capabilities": sorted(g.capabilities),
                    "node_types": sorted(g.node_types),
                    "exclude_nodes": sorted(g.exclude_nodes),
                }
                for g in self.groups
            ],
            "channels": {
                str(c): {
                    "node_types": sorted(r.node_types),
                    "buffer": r.buffer,
                    "backorder": r.backorder,
                }
                for c, r in self.channels.items()
            },
            "preorder_in_transit": self.preorder_in_transit,
            "pickup_expiry_days": self.pickup_expiry_days,
        }
