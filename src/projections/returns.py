"""Read model `returns`: one row per return, one per returned SKU."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any
from uuid import UUID

from psycopg import Cursor

from domain.return_ import Return
from domain.return_values import InspectedLine
from domain.values import Disposition, ReturnStatus
from projections import rows
from projections.base import Envelope, Projection, event_topics
from projections.order_view import money
from projections.rows import Row

# The returns column stamped when an event leads to each status.
STATUS_TIMES = {
    ReturnStatus.RECEIVED: "received_at",
    ReturnStatus.INSPECTED: "inspected_at",
    ReturnStatus.REFUNDED: "refunded_at",
    ReturnStatus.EXCHANGED: "exchanged_at",
    ReturnStatus.CLOSED: "closed_at",
    ReturnStatus.CANCELLED: "cancelled_at",
}
_QUANTITY_COLUMNS = {d: f"{d.lower()}_quantity" for d in Disposition}


class ReturnsProjection(Projection):
    name = "returns"
    refold_cost = 0.1
    topics = event_topics(Return)

    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        ids = {e.event.originator_id for e in envelopes}
        found = {r["return_id"]: r for r in rows.fetch(cur, "returns", "return_id", ids)}
        lines: dict[UUID, dict[str, Row]] = {rid: {} for rid in found}
        for line in rows.fetch(cur, "return_lines", "return_id", ids):
            lines[line["return_id"]][line["sku"]] = line
        fold(found, lines, envelopes)
        changed = sorted(ids)
        rows.upsert(cur, "returns", ["return_id"], (found[rid] for rid in changed))
        rows.upsert(
            cur,
            "return_lines",
            ["return_id", "sku"],
            (line for rid in changed for line in lines[rid].values()),
        )


def fold(
    found: dict[UUID, Row], lines: dict[UUID, dict[str, Row]], envelopes: Sequence[Envelope]
) -> None:
    """Apply the events to the returns' rows (`found`) and line rows in memory."""
    for envelope in envelopes:
        event = envelope.event
        if isinstance(event, Return.Authorized):
            found[event.originator_id], lines[event.originator_id] = _authorized(event)
        _apply(found[event.originator_id], lines[event.originator_id], event)


def _authorized(event: Return.Authorized) -> tuple[Row, dict[str, Row]]:
    rid, label = event.originator_id, event.label
    row: Row = {
        "return_id": rid,
        "order_id": UUID(str(event.order_id)),
        "method": event.method,
        "node_code": event.node_code,
        "received_node": None,
        "label_carrier": label.carrier if label else None,
        "label_tracking_number": label.tracking_number if label else None,
        "refund_amount": None,
        "exchange_order_id": None,
        "cancel_reason": None,
        "authorized_at": event.timestamp,
        **dict.fromkeys(STATUS_TIMES.values()),
    }
    lines = {
        line.sku: {
            "return_id": rid,
            "sku": line.sku,
            "line_no": n,
            "order_id": row["order_id"],
            "quantity": line.quantity,
            "reason": line.reason,
            "disposition": None,
            **dict.fromkeys(_QUANTITY_COLUMNS.values(), 0),
        }
        for n, line in enumerate(event.lines, start=1)
    }
    return row, lines


@dataclass
class ReturnView:
    """A return as its row holds it, for the domain's handlers (`Return.Event.apply`)."""

    status: ReturnStatus
    received_at: str | None
    refunded: Decimal
    exchange_order_id: UUID | None
    dispositions: list[InspectedLine] = field(default_factory=list)

    @classmethod
    def of(cls, row: Row) -> ReturnView:
        return cls(
            ReturnStatus(row.get("status", ReturnStatus.AUTHORIZED)),
            row["received_node"],
            row["refund_amount"] or Decimal(0),
            row["exchange_order_id"],
        )


def _apply(row: Row, lines: dict[str, Row], event: Any) -> None:
    """Run the domain's handler on the row's view, then copy what it decided into the rows."""
    ret = ReturnView.of(row)
    if not isinstance(event, Return.Authorized):
        event.apply(ret)
    row.update(
        status=str(ret.status),
        received_node=ret.received_at,
        exchange_order_id=ret.exchange_order_id,
        updated_at=event.timestamp,
        version=event.originator_version,
    )
    if isinstance(event, Return.Refunded):
        row["refund_amount"] = money(ret.refunded)
    if ret.status in STATUS_TIMES and type(event) is not Return.Authorized:
        row[STATUS_TIMES[ret.status]] = event.timestamp
    if isinstance(event, Return.Cancelled):
        row["cancel_reason"] = event.reason
    if isinstance(event, Return.Inspected):
        _inspected(lines, ret.dispositions)


def _inspected(lines: dict[str, Row], dispositions: list[InspectedLine]) -> None:
    for line in lines.values():
        line.update(dict.fromkeys(_QUANTITY_COLUMNS.values(), 0), disposition=None)
    for d in dispositions:
        line = lines[d.sku]
        line[_QUANTITY_COLUMNS[d.disposition]] += d.quantity
        seen, disposition = line["disposition"], str(d.disposition)
        line["disposition"] = disposition if seen in (None, disposition) else "MIXED"
