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


def channel_rows(
    sku: str,
    stocks: Sequence[Row],
    nodes: Mapping[str, Row],
    at: datetime,
    rules: Mapping[Channel, ChannelRule] = DEFAULT_CHANNEL_RULES,
) -> Iterator[Row]:
    """One `stock_by_channel` row per channel: available at the nodes it sells from,
    less the channel's buffer at each."""
    for channel in Channel:
        rule = rules[channel]
        counted = [s for s in stocks if _sells(channel, rule, nodes.get(s["node_code"]))]
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
