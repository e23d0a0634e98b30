"""The rows the order tracking and returns read models would hold for one order, from its events.

Folding an order's stored events (up to some instant) through the same code the read models
use — the domain's own handlers and status rule, see `OrderView` — gives the order as it
stood then, in exactly the shape (and with exactly the numbers) the live read model gives.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from domain.order import Order
from domain.return_ import Return
from projections import order_tracking, returns
from projections.base import Envelope
from projections.order_rows import line_rows, order_row, shipment_line_rows, shipment_rows
from projections.order_view import OrderView
from projections.rows import Row


@dataclass(frozen=True)
class OrderRows:
    """An order's rows, each list in the order the read side lists them."""

    order: Row
    lines: list[Row]
    shipments: list[Row]
    shipment_lines: list[Row]
    timeline: list[Row]
    sourcing: list[Row]
    returns: list[Row]
    return_lines: dict[UUID, list[Row]] = field(default_factory=dict)


def order_rows(envelopes: Sequence[Envelope]) -> OrderRows | None:
    """The rows of the order whose (and whose returns') events these are, oldest first.

    None when the order's placement is not among them (it did not exist yet).
    """
    own = [e for e in envelopes if isinstance(e.event, Order.Event)]
    if not own or not isinstance(own[0].event, Order.Placed):
        return None
    views: dict[UUID, OrderView] = {}
    timeline, sourcing = order_tracking.fold(views, own)
    view = views[own[0].event.originator_id]
    found: dict[UUID, Row] = {}
    lines: dict[UUID, dict[str, Row]] = {}
    returns.fold(found, lines, [e for e in envelopes if isinstance(e.event, Return.Event)])
    ordered_returns = sorted(found.values(), key=lambda r: (r["authorized_at"], r["return_id"]))
    return OrderRows(
        order=order_row(view),
        lines=sorted(line_rows(view), key=lambda r: r["line_no"]),
        shipments=sorted(shipment_rows(view), key=lambda r: r["seq"]),
        shipment_lines=sorted(shipment_line_rows(view), key=lambda r: (r["shipment_id"], r["sku"])),
        timeline=timeline,
        sourcing=sourcing,
        returns=ordered_returns,
        return_lines={
            rid: sorted(rows.values(), key=lambda r: r["line_no"]) for rid, rows in lines.items()
        },
    )
