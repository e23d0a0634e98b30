"""An order rebuilt from its tracking rows, with the state `domain.order_state.OrderState`
declares.

The domain's own event handlers (`event.apply(view)`) and status rule (`derive_status`)
run against it, so the read model's numbers are the aggregate's numbers by construction.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.ledger import Invoice
from domain.order import Order
from domain.order_line import OrderLine, placed_line
from domain.order_values import Delivery
from domain.shipment import Shipment
from domain.values import DeliveryMethod, OrderStatus, ShipmentStatus
from projections.base import Envelope
from projections.rows import Row

CENT = Decimal("0.01")
DELIVERED = frozenset({ShipmentStatus.DELIVERED})


def money(value: Any) -> Decimal:
    """Rounded as the read model stores it, so every batch split gives the same sums."""
    return Decimal(value).quantize(CENT)


def placed_in(envelopes: Sequence[Envelope]) -> set[UUID]:
    """The orders these events place (a read model holds no rows of them before)."""
    return {e.event.originator_id for e in envelopes if type(e.event) is Order.Placed}


@dataclass
class OrderView:
    row: Row  # the `orders` row, minus what the fields below hold
    lines: dict[str, OrderLine] = field(default_factory=dict)
    line_nos: dict[str, int] = field(default_factory=dict)
    shipments: dict[str, Shipment] = field(default_factory=dict)  # by str(id), as the domain
    shipment_rows: dict[str, Row] = field(default_factory=dict)  # seq, step times, reason
    stored_lines: set[tuple[str, str]] = field(default_factory=set)
    holds: dict[str, str] = field(default_factory=dict)
    # The rule (and rules version) that placed each hold a rule placed.
    hold_rules: dict[str, dict[str, Any]] = field(default_factory=dict)
    returns: dict[str, dict[str, int]] = field(default_factory=dict)
    delivery: Delivery = field(default_factory=lambda: Delivery(DeliveryMethod.SHIP))
    paid: Decimal = Decimal(0)
    invoiced: Decimal = Decimal(0)
    refunded: Decimal = Decimal(0)
    closed: bool = False
    # Not kept in these tables (the domain's handlers write them; the receivables read model
    # keeps the money, and holds keep their reason): only the domain reads them.
    payment_refs: set[str] = field(default_factory=set)
    captured: Decimal = Decimal(0)
    written_off: Decimal = Decimal(0)
    invoices: dict[str, Invoice] = field(default_factory=dict)
    write_offs: dict[str, Decimal] = field(default_factory=dict)
    auto_holds: dict[str, str] = field(default_factory=dict)

    @classmethod
    def placed(cls, event: Order.Placed) -> OrderView:
        customer, payment = event.customer, event.payment
        row = {
            "order_id": event.originator_id,
            "external_ref": event.external_ref,
            "channel": event.channel,
            "customer_id": customer.id,
            "customer_name": customer.name,
            "customer_email": customer.email,
            "customer_phone": customer.phone,
            "requested_date": date.fromisoformat(event.requested_date)
            if event.requested_date
            else None,
            "authorized": money(payment.authorized_amount if payment else 0),
            "placed_at": event.timestamp,
            "placed_units": sum(line.quantity for line in event.lines),
            "placement_allocated": 0,
            "placement_backordered": 0,
        }
        view = cls(row, delivery=event.delivery)
        for line in event.lines:
            view.add_line(placed_line(line))
        return view

    @classmethod
    def from_rows(
        cls, row: Row, lines: list[Row], shipments: list[Row], shipment_lines: list[Row]
    ) -> OrderView:
        view = cls(
            dict(row),
            holds=row["holds"],
            hold_rules=row["hold_rules"],
            returns=row["recorded_returns"],
            delivery=Delivery.from_dict(row["delivery"]),
            paid=row["paid"],
            invoiced=row["invoiced"],
            refunded=row["refunded"],
            closed=row["status"] == OrderStatus.CLOSED,
        )
        for ln in sorted(lines, key=lambda r: r["line_no"]):
            kit = ln["kit"] or {"components": [], "ship_together": False}
            view.add_line(
                OrderLine(
                    ln["sku"],
                    ln["ordered"],
                    ln["unit_price"],
                    ln["cancelled"],
                    ln["backordered"],
                    ln["returned"],
                    components={c["sku"]: c["per_kit"] for c in kit["components"]},
                    ship_together=kit["ship_together"],
                )
            )
        for s in shipments:
            view.shipments[str(s["shipment_id"])] = Shipment(
                s["shipment_id"],
                s["node_code"],
                {},
                ShipmentStatus(s["status"]),
                s["carrier"],
                s["tracking_number"],
                dict(s["documents"]),
                awaiting=tuple(s["awaiting_stock"]),
                transfer_to=s["transfer_to"],
                promised=s["promised_date"].isoformat() if s["promised_date"] else None,
            )
            view.shipment_rows[str(s["shipment_id"])] = s
        for sl in shipment_lines:
            view.shipments[str(sl["shipment_id"])].lines[sl["sku"]] = sl["quantity"]
            view.stored_lines.add((str(sl["shipment_id"]), sl["sku"]))
        return view

    def add_line(self, line: OrderLine) -> None:
        self.lines[line.sku] = line
        self.line_nos.setdefault(line.sku, len(self.line_nos) + 1)

    def normalize(self) -> None:
        """Round money after each event, as storing it would."""
        for line in self.lines.values():
            line.unit_price = money(line.unit_price)
            self.line_nos.setdefault(line.sku, len(self.line_nos) + 1)
        self.paid, self.invoiced, self.refunded = (
            money(self.paid),
            money(self.invoiced),
            money(self.refunded),
        )
