"""GraphQL objects for state as of an instant, in the same shapes as the live reads.

Their nested lists come with them (folded from the event store), instead of being loaded
from today's read model rows.
"""

from __future__ import annotations

from collections.abc import Mapping

from application.audit import StockAsOf
from domain.channels import ChannelRule
from domain.values import Channel
from interfaces.graphql.types.order import Order
from interfaces.graphql.types.return_ import Return
from interfaces.graphql.types.sku_stock import SkuStock
from projections.order_as_of import OrderRows
from projections.rows import Row
from projections.stock_totals import channel_rows, sku_row


def order_from_rows(rows: OrderRows) -> Order:
    order = Order.from_row(
        rows.order,
        lines=rows.lines,
        shipments=rows.shipments,
        shipment_lines=rows.shipment_lines,
        timeline=rows.timeline,
        returns=[Return.from_row(r) for r in rows.returns],
        sourcing=rows.sourcing,
    )
    for ret in order.returns:
        ret.as_of_lines = rows.return_lines.get(ret.return_id, [])
        ret.as_of_order = order
    return order


def sku_stock_from(
    sku: str, found: list[StockAsOf], rules: Mapping[Channel, ChannelRule]
) -> SkuStock:
    """The SKU's network stock from its per-node records as they stood (`found`, by node),
    counted per channel by the channel `rules` then in force."""
    stocks = [_stock_row(f) for f in found]
    nodes = {f.stock.node_code: _node_row(f) for f in found if f.node is not None}
    at = max(f.stock.modified_on for f in found)
    stock = SkuStock.from_row(sku_row(sku, stocks, at))
    stock.as_of_nodes = stocks
    stock.as_of_channels = sorted(
        channel_rows(sku, stocks, nodes, at, rules), key=lambda r: r["channel"]
    )
    return stock


def _stock_row(found: StockAsOf) -> Row:
    s = found.stock
    return {
        "node_code": s.node_code,
        "node_type": str(found.node.node_type) if found.node is not None else None,
        "sku": s.sku,
        "stock_id": s.id,
        "on_hand": s.on_hand,
        "reserved": s.reserved,
        "safety_stock": s.safety_stock,
        "in_transit": s.in_transit,
        "preordered": s.preordered,
        "available": s.available,
        "updated_at": s.modified_on,
        "version": s.version,
    }


def _node_row(found: StockAsOf) -> Row:
    node = found.node
    assert node is not None
    return {
        "node_type": str(node.node_type),
        "capabilities": sorted(str(c) for c in node.capabilities),
        "active": node.active,
    }
