"""availability(...): the store finder for buy online, pick up in store (BOPIS).

Nodes that can serve a pickup (PICKUP capability, active, not in a downtime window now)
and have at least `quantity` available of the SKU, within `radiusKm` of `near`, nearest
first (great-circle distance by the haversine formula). `channel` keeps only nodes whose
stock that channel may sell (the channel rules of the sourcing rule set in force), with
at least `quantity` left after the channel's buffer.
"""

from __future__ import annotations

from typing import Any

from psycopg import sql

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule, sells_from
from domain.values import Channel, NodeType
from interfaces.graphql.arguments import page_size
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import fetch_all
from interfaces.graphql.errors import BadUserInput
from interfaces.graphql.types.geo_point_input import GeoPointInput
from interfaces.graphql.types.node_availability import NodeAvailability

EARTH_RADIUS_KM = 6371.0088
HAVERSINE = (
    "2 * %(earth)s * asin(sqrt("
    "power(sin(radians(n.lat - %(lat)s) / 2), 2) + "
    "cos(radians(%(lat)s)) * cos(radians(n.lat)) * power(sin(radians(n.lon - %(lon)s) / 2), 2)"
    "))"
)
CHANNEL_RULE = "SELECT node_types, buffer FROM stock.channel_rules WHERE channel = %s"
FINDER = """
SELECT * FROM (
    SELECT n.*, s.available, {distance} AS distance_km
    FROM stock.stock_by_node s JOIN stock.nodes n ON n.code = s.node_code
    WHERE s.sku = %(sku)s AND s.available >= %(quantity)s AND n.active
      AND 'PICKUP' = ANY(n.capabilities)
      AND NOT EXISTS (SELECT 1 FROM stock.node_downtimes d WHERE d.node_code = n.code
                      AND d.starts_at <= now() AND now() < d.ends_at)
) found
WHERE {within}
ORDER BY distance_km NULLS LAST, available DESC, code
"""


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
    params = _check(sku, quantity, near, radius_km)
    query = sql.SQL(FINDER).format(
        distance=sql.SQL(HAVERSINE) if near else sql.SQL("NULL::float8"),
        within=sql.SQL("distance_km <= %(radius)s") if radius_km is not None else sql.SQL("TRUE"),
    )
    rows = await fetch_all(ctx.pool, query, params)
    if channel is not None:
        rule = await _channel_rule(ctx, channel)
        rows = [
            r
            for r in rows
            if sells_from(channel, r["node_type"], r["capabilities"], True, rule)
            and rule.visible(r["available"]) >= quantity
        ]
    return [NodeAvailability.from_row(row) for row in rows[:size]]


async def _channel_rule(ctx: GraphQLContext, channel: Channel) -> ChannelRule:
    """The channel's rule in the sourcing rule set in force (the default before any)."""
    found = await fetch_all(ctx.pool, CHANNEL_RULE, (str(channel),))
    if not found:
        return DEFAULT_CHANNEL_RULES[channel]
    types = frozenset(NodeType(t) for t in found[0]["node_types"])
    return ChannelRule(types, found[0]["buffer"])


def _check(
    sku: str, quantity: int, near: GeoPointInput | None, radius_km: float | None
) -> dict[str, Any]:
    if quantity < 1:
        raise BadUserInput("quantity must be at least 1", argument="quantity")
    if radius_km is not None and (near is None or radius_km <= 0):
        raise BadUserInput("radiusKm must be positive and comes with `near`", argument="radiusKm")
    if near is not None and not (-90 <= near.lat <= 90 and -180 <= near.lon <= 180):
        raise BadUserInput(
            "near must have -90 <= lat <= 90 and -180 <= lon <= 180", argument="near"
        )
    return {
        "sku": sku,
        "quantity": quantity,
        "earth": EARTH_RADIUS_KM,
        "lat": near.lat if near else None,
        "lon": near.lon if near else None,
        "radius": radius_km,
    }
