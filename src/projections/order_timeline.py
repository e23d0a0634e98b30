"""One human-readable sentence per order event, for the order's timeline."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from domain.order import Order
from domain.shipment import NewShipment, Step
from projections.order_view import OrderView, money


def units(quantity: int) -> str:
    return f"{quantity} unit" if quantity == 1 else f"{quantity} units"


def _sum(quantities: Mapping[str, int]) -> int:
    return sum(quantities.values())


def _placed(e: Order.Placed, view: OrderView) -> str:
    quantity = sum(line.quantity for line in e.lines)
    total = sum((money(ln.unit_price) * ln.quantity for ln in e.lines), Decimal(0))
    return f"Placed via {e.channel} by {e.customer.id}: {units(quantity)}, total {money(total)}"


def _preorder(s: NewShipment) -> str:
    if s.transfer_to:
        return f", transfer to {s.transfer_to}"
    if not s.preorder:
        return ""
    return f", preordered, expected {s.promised_date}" if s.promised_date else ", preordered"


def _allocated(e: Order.Allocated, view: OrderView) -> str:
    parts = [f"{s.node_code} ({units(_sum(s.lines))}{_preorder(s)})" for s in e.shipments]
    backordered = _sum(e.backordered)
    text = f"Allocated to {', '.join(parts)}" if parts else "Nothing could be allocated"
    if backordered:
        text += f", {backordered} backordered"
    return text if e.reason == "placement" else f"{text} ({e.reason})"


def _cancelled(e: Order.Cancelled, view: OrderView) -> str:
    skus = ", ".join(f"{qty} x {sku}" for sku, qty in sorted(e.lines.items()))
    return f"Cancelled {skus}: {e.reason}"


def _stepped(e: Order.ShipmentStepped, view: OrderView) -> str:
    what = units(_sum(e.lines))
    match Step(e.step):
        case Step.PICK:
            return f"Picked {what} at {e.node_code}"
        case Step.PACK:
            return f"Packed {what} at {e.node_code}"
        case Step.SHIP:
            store = view.shipments[str(e.shipment_id)].transfer_to
            to = f" to pickup store {store}" if store else ""
            return f"Shipped by {e.carrier} from {e.node_code}{to}, tracking {e.tracking_number}"
        case Step.DELIVER:
            return f"Delivered {what} from {e.node_code}"
        case Step.READY_FOR_PICKUP:
            return f"Ready for pickup at {e.node_code} ({what})"
        case Step.COLLECT:
            return f"Collected {what} at {e.node_code}"
        case Step.REJECT:
            return f"Rejected by {e.node_code}: {e.reason or 'no reason given'}"
        case Step.ARRIVE:
            return f"Transfer arrived at {e.node_code}: ready for pickup ({what})"
    return f"Shipment from {e.node_code}: {e.step}"


def _arrived(e: Order.PreorderArrived, view: OrderView) -> str:
    return "Transferred" if view.shipments[str(e.shipment_id)].transfer_to else "Preordered"


def _scanned(e: Order.ShipmentScanned, view: OrderView) -> str:
    node = view.shipments[str(e.shipment_id)].node_code
    where = f" at {e.location}" if e.location else ""
    when = e.at.isoformat(timespec="minutes")
    return f"Carrier scan {e.code}{where} ({when}), shipment from {node}"


def _address(e: Order.AddressChanged, view: OrderView) -> str:
    """Names the country only: the timeline keeps no personal data (nothing to erase)."""
    return f"Delivery address changed (to {e.address.country})"


def _withdrawn(e: Order.AllocationsWithdrawn, view: OrderView) -> str:
    parts = ", ".join(f"{s.node_code} ({units(_sum(s.lines))})" for s in e.shipments)
    return f"Allocations at {parts} withdrawn to source again: {e.reason}"


def _hold_placed(e: Order.HoldPlaced, view: OrderView) -> str:
    if e.rule is None:
        return f"{e.hold_type} hold placed: {e.reason}"
    return f"{e.hold_type} hold placed by rule {e.rule} (rules v{e.rules_version}): {e.reason}"


def _hold_released(e: Order.HoldReleased, view: OrderView) -> str:
    if e.rule is None:
        return f"{e.hold_type} hold released by an agent"
    return f"{e.hold_type} hold released, cause cleared ({e.rule}): {e.reason}"


DESCRIBE: dict[type, Callable[[Any, OrderView], str]] = {
    Order.Placed: _placed,
    Order.Allocated: _allocated,
    Order.Cancelled: _cancelled,
    Order.ShipmentStepped: _stepped,
    Order.AddressChanged: _address,
    Order.ShipmentScanned: _scanned,
    Order.AllocationsWithdrawn: _withdrawn,
    Order.HoldPlaced: _hold_placed,
    Order.HoldReleased: _hold_released,
    Order.LineAdded: lambda e, v: f"Line added: {e.quantity} x {e.sku} at {money(e.unit_price)}",
    Order.LineIncreased: lambda e, v: f"{e.sku} increased by {units(e.quantity)}",
    Order.InvoiceIssued: lambda e, v: f"Invoice {e.invoice_number} for {money(e.amount)}",
    Order.PaymentRecorded: lambda e, v: (
        f"Payment of {money(e.amount)} by {e.method} ({e.reference})"
    ),
    Order.ReturnRecorded: lambda e, v: f"Return of {units(_sum(e.lines))} recorded",
    Order.ReturnWithdrawn: lambda e, v: "Return withdrawn",
    Order.CreditMemoIssued: lambda e, v: f"Credit memo {e.memo_number} for {money(e.amount)}",
    Order.PaymentCaptured: lambda e, v: (
        f"Captured {money(e.amount)} by {e.method} for invoice {e.invoice_number}"
    ),
    Order.PaymentRefunded: lambda e, v: f"Refunded {money(e.amount)} ({e.memo_number})",
    Order.InvoiceWrittenOff: lambda e, v: (
        f"Invoice {e.invoice_number} written off: {money(e.amount)} ({e.reason})"
    ),
    Order.Closed: lambda e, v: "Order closed",
    Order.PreorderArrived: lambda e, v: (
        f"{_arrived(e, v)} {e.sku} arrived at {e.node_code} and is reserved"
    ),
}


def describe(event: Any, view: OrderView) -> str:
    """The timeline sentence for `event`, given the order as it stands after it."""
    describer = DESCRIBE.get(type(event))
    return describer(event, view) if describer else type(event).__name__
