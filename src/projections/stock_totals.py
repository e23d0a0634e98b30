"""Network and per-channel totals of one SKU, from its per-node rows."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
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
    """Whether each channel sells from each node, worked out once per channel and node
    (the SKUs of a batch are mostly held at the same nodes)."""

    def __init__(
        self, nodes: Mapping[str, Row], rules: Mapping[Channel, ChannelRule] = DEFAULT_CHANNEL_RULES
    ) -> None:
        self.nodes, self.rules = nodes, rules
        self._known: dict[tuple[Channel, str], bool] = {}

    def sells(self, channel: Channel, node_code: str) -> bool:
        known = self._known.get((channel, node_code))
        if known is None:
            node = self.nodes.get(node_code)
            known = self._known[channel, node_code] = _sells(channel, self.rules[channel], node)
        return known


def channel_rows(
    sku: str,
    stocks: Sequence[Row],
    nodes: Mapping[str, Row],
    at: datetime,
    rules: Mapping[Channel, ChannelRule] = DEFAULT_CHANNEL_RULES,
    sellers: Sellers | None = None,
) -> Iterator[Row]:
    """One `stock_by_channel` row per channel: available at the nodes it sells from,
    less the channel's buffer at each. `sellers`: shared by the SKUs of one batch (of
    these `nodes` and `rules`)."""
    sellers = sellers or Sellers(nodes, rules)
    for channel in Channel:
        rule = rules[channel]
        counted = [s for s in stocks if sellers.sells(channel, s["node_code"])]
        yield {
            "sku": sku,
            "channel": str(channel),
            "available": sum(rule.visible(s["available"]) for s in counted),
            "node_count": len(counted),
            "updated_at": at,
        }


def _sells(channel: Channel, rule: ChannelRule, node: Row | None) -> bool:
    if node is None:  # stock recorded for a node not registered (yet)
        return False
    return sells_from(channel, node["node_type"], node["capabilities"], node["active"], rule)
