"""Channel rules: which nodes' stock each sales channel may sell, and on what terms.

One definition serves sourcing (which nodes may fill a channel's order) and the
`byChannel` read model (how much each channel can sell). By default:
- WEB, MOBILE, CALL_CENTER: any active node that can ship;
- MARKETPLACE: active DCs, warehouses and drop-ship vendors that can ship;
- STORE: active stores (the shelf a store associate sells from).
A sourcing rule set may change a channel's node types, hold back a `buffer` of units at
every node (the channel sees `available - buffer`) and refuse backorders.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain.values import Capability, Channel, NodeType

_FULFILMENT = frozenset({NodeType.DC, NodeType.WAREHOUSE, NodeType.DROPSHIP})


@dataclass(frozen=True)
class ChannelRule:
    node_types: frozenset[NodeType] = frozenset(NodeType)
    buffer: int = 0
    backorder: bool = True

    def visible(self, available: int) -> int:
        """What the channel may sell of a node's available units."""
        return max(0, available - self.buffer)


DEFAULT_CHANNEL_RULES: Mapping[Channel, ChannelRule] = {
    Channel.WEB: ChannelRule(),
    Channel.MOBILE: ChannelRule(),
    Channel.CALL_CENTER: ChannelRule(),
    Channel.STORE: ChannelRule(frozenset({NodeType.STORE})),
    Channel.MARKETPLACE: ChannelRule(_FULFILMENT),
}


def sells_from(
    channel: Channel,
    node_type: str,
    capabilities: Iterable[str],
    active: bool,
    rule: ChannelRule | None = None,
) -> bool:
    """True when `channel` counts the stock of a node with these attributes.

    A store sells from its own shelf; every other channel needs a node that can ship.
    """
    rule = rule or DEFAULT_CHANNEL_RULES[channel]
    if not active or NodeType(node_type) not in rule.node_types:
        return False
    return channel is Channel.STORE or Capability.SHIP in frozenset(capabilities)


def channels_of(node_type: str, capabilities: Iterable[str], active: bool) -> list[Channel]:
    """Every channel that sells from a node with these attributes, in declaration order."""
    caps = list(capabilities)
    return [c for c in Channel if sells_from(c, node_type, caps, active)]
