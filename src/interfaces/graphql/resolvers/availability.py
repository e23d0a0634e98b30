"""availability(...): the store finder for buy online, pick up in store (BOPIS).

The rule (which nodes can serve the pickup, in which order) is `domain.pickup`; this
resolver reads the nodes holding the SKU, their downtimes and the channel's rule from
the stock read model, and hands them to it.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime
from decimal import Decimal

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule
from domain.pickup import PickupQuery, pickup_nodes
from domain.sourcing import Candidate
from domain.values import Capability, Channel, GeoPoint, NodeType
from interfaces.graphql.arguments import page_size
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import Row, fetch_all
from interfaces.graphql.errors import BadUserInput
from interfaces.graphql.types.geo_point_input import GeoPointInput
from interfaces.graphql.types.node_availability import NodeAvailability

CHANNEL_RULE = "SELECT node_types, buffer FROM stock.channel_rules WHERE channel = %s"
HOLDERS = """
SELECT n.*, s.available FROM stock.stock_by_node s JOIN stock.nodes n ON n.code = s.node_code
WHERE s.sku = %s
"""
DOWNTIMES = (
    "SELECT node_code, starts_at, ends_at FROM stock.node_downtimes WHERE node_code = ANY(%s)"
)


async def availability(
    ctx: GraphQLContext,
    sku: str,
    quantity: int,
    near: GeoPointInput | None,
    radius_km: float | None,
    channel: Channel | None,
    first: int | None,
) -> list[NodeAvailability]:
    size = page_size(first)
    query = _query(sku, quantity, near, radius_km, channel)
    rows = {row["code"]: row for row in await fetch_all(ctx.pool, HOLDERS, (sku,))}
    down: defaultdict[str, list[tuple[datetime, datetime]]] = defaultdict(list)
    for d in await fetch_all(ctx.pool, DOWNTIMES, (list(rows),)):
        down[d["node_code"]].append((d["starts_at"], d["ends_at"]))
    rule = await _channel_rule(ctx, channel) if channel is not None else None
    candidates = [_candidate(row, sku, tuple(down[code])) for code, row in rows.items()]
    found = pickup_nodes(query, candidates, datetime.now(UTC), rule)
    return [
        NodeAvailability.from_row({**rows[f.node_code], "distance_km": f.distance_km})
        for f in found[:size]
    ]


def _candidate(row: Row, sku: str, downtimes: tuple[tuple[datetime, datetime], ...]) -> Candidate:
    return Candidate(
        node_code=row["code"],
        location=GeoPoint(row["lat"], row["lon"]),
        capabilities=frozenset(Capability(c) for c in row["capabilities"]),
        available={sku: row["available"]},
        node_type=NodeType(row["node_type"]),
        priority=row["priority"],
        ship_cost=Decimal(row["ship_cost"]),
        active=row["active"],
        downtimes=downtimes,
    )


async def _channel_rule(ctx: GraphQLContext, channel: Channel) -> ChannelRule:
    """The channel's rule in the sourcing rule set in force (the default before any)."""
    found = await fetch_all(ctx.pool, CHANNEL_RULE, (str(channel),))
    if not found:
        return DEFAULT_CHANNEL_RULES[channel]
    types = frozenset(NodeType(t) for t in found[0]["node_types"])
    return ChannelRule(types, found[0]["buffer"])


def _query(
    sku: str,
    quantity: int,
    near: GeoPointInput | None,
    radius_km: float | None,
    channel: Channel | None,
) -> PickupQuery:
    if quantity < 1:
        raise BadUserInput("quantity must be at least 1", argument="quantity")
    if radius_km is not None and (near is None or radius_km <= 0):
        raise BadUserInput("radiusKm must be positive and comes with `near`", argument="radiusKm")
    if near is not None and not (-90 <= near.lat <= 90 and -180 <= near.lon <= 180):
        raise BadUserInput(
            "near must have -90 <= lat <= 90 and -180 <= lon <= 180", argument="near"
        )
    point = GeoPoint(near.lat, near.lon) if near is not None else None
    return PickupQuery(sku, quantity, point, radius_km, channel)
