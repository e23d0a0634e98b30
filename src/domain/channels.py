"""Channel rules: which nodes' stock each sales channel may sell.

- WEB, MOBILE, CALL_CENTER: any active node that can ship;
- MARKETPLACE: active DCs, warehouses and drop-ship vendors that can ship;
- STORE: active stores (the shelf a store associate sells from).
"""

from __future__ import annotations

from collections.abc import Iterable

from domain.values import Capability, Channel, NodeType

_FULFILMENT = frozenset({NodeType.DC, NodeType.WAREHOUSE, NodeType.DROPSHIP})


def sells_from(channel: Channel, node_type: str, capabilities: Iterable[str], active: bool) -> bool:
    """True when `channel` counts the stock of a node with these attributes."""
    if not active:
        return False
    caps = frozenset(capabilities)
    if channel is Channel.STORE:
        return NodeType(node_type) is NodeType.STORE
    if Capability.SHIP not in caps:
        return False
    if channel is Channel.MARKETPLACE:
        return NodeType(node_type) in _FULFILMENT
    return True


def channels_of(node_type: str, capabilities: Iterable[str], active: bool) -> list[Channel]:
    """Every channel that sells from a node with these attributes, in declaration order."""
    caps = list(capabilities)
    return [c for c in Channel if sells_from(c, node_type, caps, active)]
