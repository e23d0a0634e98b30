"""The JSON answers commands give: plain dicts built from aggregates."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.order import Order
from domain.return_ import Return
from domain.values import id_text


def order_answer(order: Order) -> dict[str, Any]:
    return {
        "order_id": str(order.id),
        "status": str(order.status),
        "shipments": [
            {
                "shipment_id": id_text(s.id),
                "node_code": s.node_code,
                "status": str(s.status),
                "carrier": s.carrier,
                "tracking_number": s.tracking_number,
                "lines": [{"sku": sku, "quantity": qty} for sku, qty in s.lines.items()],
                "awaiting_stock": sorted(s.waits_for),
                "promised_date": s.promised,
                "type": str(s.kind(order.method)),
                "transfer_to": s.transfer_to,
            }
            for s in order.shipments.values()
        ],
        "backorders": [
            {"sku": line.sku, "quantity": line.backordered}
            for line in order.lines.values()
            if line.backordered
        ],
    }


def stock_answer(stock: NodeStock) -> dict[str, Any]:
    return {
        "node_code": stock.node_code,
        "sku": stock.sku,
        "on_hand": stock.on_hand,
        "reserved": stock.reserved,
        "safety_stock": stock.safety_stock,
        "in_transit": stock.in_transit,
        "preordered": stock.preordered,
        "available": stock.available,
    }


def node_answer(node: InventoryNode) -> dict[str, Any]:
    return {
        "code": node.code,
        "name": node.name,
        "type": str(node.node_type),
        "lat": node.location.lat,
        "lon": node.location.lon,
        "capabilities": sorted(str(c) for c in node.capabilities),
        "daily_capacity": node.daily_capacity,
        "priority": node.priority,
        "ship_cost": str(node.ship_cost),
        "active": node.active,
        "downtimes": [
            {"id": str(i), "starts_at": s.isoformat(), "ends_at": e.isoformat(), "reason": r}
            for i, (s, e, r) in node.downtimes.items()
        ],
    }


def return_answer(ret: Return) -> dict[str, Any]:
    return {
        "return_id": str(ret.id),
        "order_id": str(ret.order_id),
        "status": str(ret.status),
        "method": str(ret.method),
        "label": asdict(ret.label) if ret.label else None,
        "received_node": ret.received_at,
        "refunded": str(ret.refunded),
        "exchange_order_id": str(ret.exchange_order_id) if ret.exchange_order_id else None,
    }
