"""The store finder for buy online, pick up in store (BOPIS).

A node can serve a pickup of `quantity` units of a SKU when it is open at that instant
(the rule sourcing applies: active and not in a downtime window), can hand goods over
(PICKUP) and has at least `quantity` available. With `near`, only nodes within
`radius_km` count (when given), nearest first by great-circle distance; then by stock,
most first, then by code. With a channel, only nodes whose stock the channel may sell
(the channel rules sourcing follows) count, with `quantity` left after its buffer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule, sells_from
from domain.sourcing import Candidate
from domain.sourcing_eligibility import closed_at
from domain.values import Capability, Channel, GeoPoint, distances_from


@dataclass(frozen=True)
class PickupNode:
    node_code: str
    available: int
    distance_km: float | None  # from `near`; None without it


@dataclass(frozen=True)
class PickupQuery:
    sku: str
    quantity: int
    near: GeoPoint | None = None
    radius_km: float | None = None
    channel: Channel | None = None


def pickup_nodes(
    query: PickupQuery,
    candidates: Iterable[Candidate],
    now: datetime,
    rule: ChannelRule | None = None,
) -> list[PickupNode]:
    """The candidates that can hand over the quantity now, in the finder's order.

    `rule` is the channel's rule in the rule set in force (the default one when None).
    """
    if query.channel is not None and rule is None:
        rule = DEFAULT_CHANNEL_RULES[query.channel]
    distance = distances_from(query.near) if query.near is not None else None
    found = []
    for candidate in candidates:
        have = candidate.available.get(query.sku, 0)
        if not _serves(query, candidate, have, now, rule):
            continue
        km = distance(candidate.location) if distance is not None else None
        if query.radius_km is not None and (km is None or km > query.radius_km):
            continue
        found.append(PickupNode(candidate.node_code, have, km))
    return sorted(found, key=_finder_order)


def _serves(
    query: PickupQuery, candidate: Candidate, have: int, now: datetime, rule: ChannelRule | None
) -> bool:
    if closed_at(candidate, now) or Capability.PICKUP not in candidate.capabilities:
        return False
    if have < query.quantity:
        return False
    if query.channel is None or rule is None:
        return True
    sells = sells_from(query.channel, candidate.node_type, candidate.capabilities, True, rule)
    return sells and rule.visible(have) >= query.quantity


def _finder_order(node: PickupNode) -> tuple[bool, float, int, str]:
    return (node.distance_km is None, node.distance_km or 0.0, -node.available, node.node_code)
