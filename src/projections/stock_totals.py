"""Network and per-channel totals of one SKU, from its per-node rows."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import datetime

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule, sells_from
from domain.values import Channel
from projections.rows import Row

_QUANTITIES = ("on_hand", "reserved", "safety_stock", "in_transit", "available")


def sku_row(sku: str, stocks: Sequence[Row], at: datetime) -> Row:
    """The `stock_by_sku` row: sums over every node holding the SKU."""
    totals = {q: sum(s[q] for s in stocks) for q in _QUANTITIES}
    return {"sku": sku, **totals, "node_count": len(stocks), "updated_at": at}


class Sellers:
    """The channels that sell from each node, with their rules, worked out once per node
    (the SKUs of a batch are mostly held at the same nodes)."""

    def __init__(
        self, nodes: Mapping[str, Row], rules: Mapping[Channel, ChannelRule] = DEFAULT_CHANNEL_RULES
    ) -> None:
        self.nodes, self.rules = nodes, rules
        self._known: dict[str, list[tuple[int, ChannelRule]]] = {}

    def of(self, node_code: str) -> list[tuple[int, ChannelRule]]:
        """(the channel's place in `CHANNELS`, its rule) for each channel selling from
        the node."""
        known = self._known.get(node_code)
        if known is None:
            node = self.nodes.get(node_code)
            known = self._known[node_code] = [
                (i, self.rules[channel])
                for i, channel in enumerate(CHANNELS)
                if _sells(channel, self.rules[channel], node)
            ]
        return known


CHANNELS = tuple(Channel)
_CHANNEL_NAMES = tuple(str(channel) for channel in CHANNELS)


def channel_rows(
    sku: str,
    stocks: Sequence[Row],
    nodes: Mapping[str, Row],
    at: datetime,
    rules: Mapping[Channel, ChannelRule] = DEFAULT_CHANNEL_RULES,
    sellers: Sellers | None = None,
) -> list[Row]:
    """One `stock_by_channel` row per channel: available at the nodes it sells from,
    less the channel's buffer at each. `sellers`: shared by the SKUs of one batch (of
    these `nodes` and `rules`)."""
    sellers = sellers or Sellers(nodes, rules)
    available, counted = [0] * len(CHANNELS), [0] * len(CHANNELS)
    for stock in stocks:
        for i, rule in sellers.of(stock["node_code"]):
            available[i] += rule.visible(stock["available"])
            counted[i] += 1
    return [
        {
            "sku": sku,
            "channel": name,
            "available": available[i],
            "node_count": counted[i],
            "updated_at": at,
        }
        for i, name in enumerate(_CHANNEL_NAMES)
    ]


def _sells(channel: Channel, rule: ChannelRule, node: Row | None) -> bool:
    if node is None:  # stock recorded for a node not registered (yet)
        return False
    return sells_from(channel, node["node_type"], node["capabilities"], node["active"], rule)
