"""Read model `order_tracking`: orders, their lines, shipments and timeline."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Collection, Sequence
from datetime import date
from typing import Any
from uuid import UUID

from psycopg import Cursor

from domain.order import Order
from domain.order_status import derive_status
from domain.values import ShipmentStatus
from projections import erasure, rows
from projections.base import Envelope, Projection, event_topics
from projections.order_documents import record_documents
from projections.order_rows import (
    line_rows,
    order_row,
    removed_shipment_lines,
    shipment_line_rows,
    shipment_rows,
)
from projections.order_sourcing import decision_row
from projections.order_timeline import describe
from projections.order_view import OrderView, placed_in
from projections.parts import Part
from projections.rows import Row

# The shipments column stamped when a step leads to each status.
STEP_TIMES = {
    ShipmentStatus.PICKED: "picked_at",
    ShipmentStatus.PACKED: "packed_at",
    ShipmentStatus.READY_FOR_PICKUP: "ready_at",
    ShipmentStatus.SHIPPED: "shipped_at",
    ShipmentStatus.DELIVERED: "delivered_at",
    ShipmentStatus.REJECTED: "rejected_at",
}
# Events that bring in a price or an amount, which must be rounded as soon as they are.
MONEY_EVENTS = frozenset(
    {
        Order.Placed,
        Order.LineAdded,
        Order.InvoiceIssued,
        Order.PaymentRecorded,
        Order.CreditMemoIssued,
        Order.PaymentCaptured,
        Order.PaymentRefunded,
        Order.InvoiceWrittenOff,
    }
)
# The tables holding an order's current state: (table, primary key, the order's rows).
ROWS: tuple[tuple[str, list[str], Callable[[OrderView], list[Row]]], ...] = (
    ("orders", ["order_id"], lambda view: [order_row(view)]),
    ("order_lines", ["order_id", "sku"], line_rows),
    ("shipments", ["shipment_id"], shipment_rows),
    ("shipment_lines", ["shipment_id", "sku"], shipment_line_rows),
)
PLACEMENT = "placement"  # the reason of the allocation made when the order is placed
_TIMES = ("allocated_at", *STEP_TIMES.values(), "cancelled_at")


class OrderTrackingProjection(Projection):
    name = "order_tracking"
    refold_cost = 6.0
    topics = (*event_topics(Order), erasure.TOPIC)
    shared_topics = (erasure.TOPIC,)  # every row is an order's, but erasures name customers

    def __init__(self, part: Part | None = None) -> None:
        self.part = part  # folding only these orders' rows (None: every order's)

    def split(self, part: Part) -> OrderTrackingProjection:
        return OrderTrackingProjection(part)

    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        for before, erased in erasure.in_erasure_order(envelopes):
            if before:
                self._apply(cur, before)
            if erased is not None:
                erasure.erase_orders(cur, erased, self.part)

    def _apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        ids = sorted({e.event.originator_id for e in envelopes})
        # An order placed in this batch has no rows yet (its placement starts its view).
        views = _load(cur, set(ids) - placed_in(envelopes))
        stored = set(views)  # orders placed before this batch: their rows are updated
        timeline, sourcing = fold(views, envelopes)
        scans = [scan_row(e.event) for e in envelopes if type(e.event) is Order.ShipmentScanned]
        old = [views[oid] for oid in ids if oid in stored]
        new = [views[oid] for oid in ids if oid not in stored]  # rows copied in (COPY)
        rows.delete(
            cur,
            "shipment_lines",
            ["shipment_id", "sku"],
            (k for v in old for k in sorted(removed_shipment_lines(v))),
        )
        for table, key, render in ROWS:
            rows.upsert(cur, table, key, (r for v in old for r in render(v)))
            rows.insert(cur, table, (r for v in new for r in render(v)))
        rows.insert(cur, "order_timeline", timeline)
        rows.insert(cur, "order_sourcing", sourcing)
        rows.insert(cur, "shipment_scans", scans)
        record_documents(cur, envelopes)


def fold(
    views: dict[UUID, OrderView], envelopes: Sequence[Envelope]
) -> tuple[list[Row], list[Row]]:
    """Apply the events to the orders' views in memory; the timeline and sourcing rows
    they add."""
    timeline, sourcing = [], []
    for envelope in envelopes:
        event = envelope.event
        if type(event) is Order.Placed:
            views[event.originator_id] = OrderView.placed(event)
        view = views[event.originator_id]
        _apply(view, event)
        if type(event) is Order.Allocated:
            sourcing.append(decision_row(event, envelope.position))
        timeline.append(
            {
                "order_id": event.originator_id,
                "version": event.originator_version,
                "position": envelope.position,
                "at": event.timestamp,
                "type": type(event).__name__,
                "detail": describe(event, view),
                "status": str(derive_status(view)),
            }
        )
    return timeline, sourcing


def _apply(view: OrderView, event: Any) -> None:
    """The domain's handler, then the read model's own bookkeeping (times, sequence)."""
    kind = type(event)
    if kind is not Order.Placed:
        event.apply(view)
    if kind in MONEY_EVENTS:
        view.normalize()
    view.row["updated_at"], view.row["version"] = event.timestamp, event.originator_version
    bookkeeping = BOOKKEEPING.get(kind)
    if bookkeeping is not None:
        bookkeeping(view, event)


def _allocated(view: OrderView, event: Order.Allocated) -> None:
    if event.reason == PLACEMENT:
        view.row["placement_allocated"] = sum(
            qty for s in event.shipments for qty in s.lines.values()
        )
        view.row["placement_backordered"] = sum(int(q) for q in event.backordered.values())
    for s in event.shipments:
        view.shipment_rows[str(s.shipment_id)] = {
            "shipment_id": s.shipment_id,
            "order_id": event.originator_id,
            "seq": len(view.shipment_rows) + 1,
            "node_code": s.node_code,
            "shipment_type": "TRANSFER" if s.transfer_to else str(view.delivery.method),
            "transfer_from": s.node_code if s.transfer_to else None,
            "transfer_to": s.transfer_to,
            "preorder": s.preorder,
            "promised_date": date.fromisoformat(s.promised_date) if s.promised_date else None,
            "reject_reason": None,
            **dict.fromkeys(_TIMES),
            "allocated_at": event.timestamp,
            "updated_at": event.timestamp,
        }


def _stepped(view: OrderView, event: Order.ShipmentStepped) -> None:
    meta = view.shipment_rows[str(event.shipment_id)]
    meta[STEP_TIMES[ShipmentStatus(event.status)]] = meta["updated_at"] = event.timestamp
    if event.status == ShipmentStatus.REJECTED:
        meta["reject_reason"] = event.reason


def _cancelled(view: OrderView, event: Order.Cancelled) -> None:
    for reduction in event.from_shipments:
        sid = str(reduction.shipment_id)
        view.shipment_rows[sid]["updated_at"] = event.timestamp
        if view.shipments[sid].status is ShipmentStatus.CANCELLED:
            view.shipment_rows[sid]["cancelled_at"] = event.timestamp


def _withdrawn(view: OrderView, event: Order.AllocationsWithdrawn) -> None:
    for s in event.shipments:
        meta = view.shipment_rows[str(s.shipment_id)]
        meta["cancelled_at"] = meta["updated_at"] = event.timestamp


def _hold_placed(view: OrderView, event: Order.HoldPlaced) -> None:
    if event.rule is not None:
        view.hold_rules[event.hold_type] = {
            "rule": event.rule,
            "rules_version": event.rules_version,
        }


def _hold_released(view: OrderView, event: Order.HoldReleased) -> None:
    view.hold_rules.pop(event.hold_type, None)


BOOKKEEPING: dict[type, Callable[[OrderView, Any], None]] = {
    Order.Allocated: _allocated,
    Order.AllocationsWithdrawn: _withdrawn,
    Order.ShipmentStepped: _stepped,
    Order.Cancelled: _cancelled,
    Order.HoldPlaced: _hold_placed,
    Order.HoldReleased: _hold_released,
}


def scan_row(event: Order.ShipmentScanned) -> Row:
    return {
        "order_id": event.originator_id,
        "version": event.originator_version,
        "shipment_id": event.shipment_id,
        "code": event.code,
        "at": event.at,
        "location": event.location,
        "recorded_at": event.timestamp,
    }


def _load(cur: Cursor[Any], order_ids: Collection[UUID]) -> dict[UUID, OrderView]:
    """Every tracked row of these orders, four queries in all."""
    lines = _group(rows.fetch(cur, "order_lines", "order_id", order_ids))
    shipments = _group(rows.fetch(cur, "shipments", "order_id", order_ids))
    shipment_lines = _group(rows.fetch(cur, "shipment_lines", "order_id", order_ids))
    return {
        row["order_id"]: OrderView.from_rows(
            row, lines[row["order_id"]], shipments[row["order_id"]], shipment_lines[row["order_id"]]
        )
        for row in rows.fetch(cur, "orders", "order_id", order_ids)
    }


def _group(found: list[Row]) -> defaultdict[UUID, list[Row]]:
    grouped: defaultdict[UUID, list[Row]] = defaultdict(list)
    for row in found:
        grouped[row["order_id"]].append(row)
    return grouped
