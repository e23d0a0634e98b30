"""The tracking rows of an order, rendered from its `OrderView`."""

from __future__ import annotations

from collections import Counter
from dataclasses import fields
from typing import Any
from uuid import UUID

from domain.kits import kits_in
from domain.order_line import OrderLine, order_total
from domain.order_state import OrderState
from domain.order_status import derive_status
from domain.order_values import Address, Delivery
from domain.shipment import GONE, LIVE
from projections.order_view import DELIVERED, OrderView, money
from projections.rows import Row


def order_row(view: OrderView) -> Row:
    return {
        **view.row,
        "status": str(derive_status(view)),
        "delivery_method": str(view.delivery.method),
        "delivery": delivery_json(view.delivery),
        "pickup_node": view.delivery.pickup_node,
        "holds": view.holds,
        "hold_rules": view.hold_rules,
        "total": money(order_total(view.lines.values())),
        "invoiced": view.invoiced,
        "paid": view.paid,
        "refunded": view.refunded,
        "recorded_returns": view.returns,
    }


def delivery_json(delivery: Delivery) -> dict[str, Any]:
    """What `dataclasses.asdict` gives for a delivery, without its generic deep copy (the
    costliest part of an order's row)."""
    found = {name: getattr(delivery, name) for name in _DELIVERY}
    if delivery.address is not None:
        found["address"] = {name: getattr(delivery.address, name) for name in _ADDRESS}
    return found


_DELIVERY = tuple(f.name for f in fields(Delivery))
_ADDRESS = tuple(f.name for f in fields(Address))


def line_rows(view: OrderView) -> list[Row]:
    oid = view.row["order_id"]
    allocated, shipped, delivered = _carried(view)
    return [
        {
            "order_id": oid,
            "sku": sku,
            "line_no": view.line_nos[sku],
            "unit_price": ln.unit_price,
            "ordered": ln.quantity,
            "allocated": kits_in(ln, allocated),
            "shipped": kits_in(ln, shipped),
            "delivered": kits_in(ln, delivered),
            "cancelled": ln.cancelled,
            "returned": ln.returned,
            "backordered": ln.backordered,
            "amount": money(ln.amount(ln.effective)),
            "kit": _kit(ln, allocated, shipped, delivered),
        }
        for sku, ln in view.lines.items()
    ]


def _kit(line: OrderLine, *carried: Counter[str]) -> dict[str, Any] | None:
    """A kit line's definition and the units of each component in its shipments."""
    if not line.components:
        return None
    allocated, shipped, delivered = carried
    return {
        "ship_together": line.ship_together,
        "components": [
            {
                "sku": sku,
                "per_kit": per,
                "allocated": allocated[sku],
                "shipped": shipped[sku],
                "delivered": delivered[sku],
            }
            for sku, per in line.components.items()
        ],
    }


def _carried(order: OrderState) -> tuple[Counter[str], Counter[str], Counter[str]]:
    """Per SKU, what the order's live, gone and delivered shipments carry (one pass)."""
    allocated: Counter[str] = Counter()
    shipped: Counter[str] = Counter()
    delivered: Counter[str] = Counter()
    for shipment in order.shipments.values():
        status = shipment.status
        if status not in LIVE:
            continue
        allocated.update(shipment.lines)
        if status in GONE:
            shipped.update(shipment.lines)
            if status in DELIVERED:
                delivered.update(shipment.lines)
    return allocated, shipped, delivered


def shipment_rows(view: OrderView) -> list[Row]:
    return [
        {
            **view.shipment_rows[str(sid)],
            "node_code": s.node_code,
            "awaiting_stock": sorted(s.waits_for),
            "status": str(s.status),
            "carrier": s.carrier,
            "tracking_number": s.tracking_number,
            "documents": s.documents,
        }
        for sid, s in view.shipments.items()
    ]


def shipment_line_rows(view: OrderView) -> list[Row]:
    return [
        {"shipment_id": s.id, "sku": sku, "order_id": view.row["order_id"], "quantity": qty}
        for sid, s in view.shipments.items()
        for sku, qty in s.lines.items()
    ]


def removed_shipment_lines(view: OrderView) -> set[tuple[UUID, str]]:
    current = {(str(sid), sku) for sid, s in view.shipments.items() for sku in s.lines}
    return {(UUID(sid), sku) for sid, sku in view.stored_lines - current}
