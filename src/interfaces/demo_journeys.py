"""Carrying a demo order through its journey, one command at a time.

Every command carries an idempotency key made from the order's reference and the step,
so a second load answers from the first one's records and writes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any
from uuid import UUID

from application.commands import (
    Address,
    CancelOrder,
    CreateReturn,
    Exchange,
    InspectReturn,
    Line,
    PlaceHold,
    ReceiveReturn,
    ReceiveTransfer,
    RecordPayment,
    Refund,
    RejectShipment,
    ShipShipment,
)
from application.oms import OMS
from domain.values import HoldType
from interfaces.demo_orders import Plan

FULFIL = ("pick", "pack", "ship")


class Journey:
    def __init__(self, oms: OMS, plan: Plan, answer: dict[str, Any]) -> None:
        self.oms, self.plan = oms, plan
        self.oid = UUID(answer["order_id"])
        self.shipments = [UUID(s["shipment_id"]) for s in answer["shipments"]]
        # TRANSFER shipments (to a pickup store without the stock): their store and SKUs.
        self.transfers = {
            UUID(s["shipment_id"]): (s["transfer_to"], [line["sku"] for line in s["lines"]])
            for s in answer["shipments"]
            if s.get("type") == "TRANSFER"
        }
        # What the first shipment carries: what a return can send back once delivered.
        self.shipped_first = [line["sku"] for s in answer["shipments"][:1] for line in s["lines"]]
        self.backordered = bool(answer["backorders"])

    def key(self, *step: object) -> str:
        return ":".join(["demo", self.plan.ref, *map(str, step)])

    def walk(self, sid: UUID, *steps: str) -> None:
        for step in steps:
            cmd = ShipShipment(carrier="UPS") if step == "ship" else None
            self.oms.step_shipment(self.oid, sid, step, cmd, idempotency_key=self.key(sid, step))

    def deliver_all(self) -> None:
        for sid in self.shipments:
            self.walk(sid, *FULFIL, "deliver")

    def first_line(self) -> dict[str, Any]:
        return self.plan.lines[0]

    def return_one(self, method: str, node: str) -> UUID | None:
        """Return one unit of the first shipment's first SKU (None if nothing shipped)."""
        if not self.shipped_first:
            return None
        line = {"sku": self.shipped_first[0]}
        created = self.oms.create_return(
            CreateReturn(
                order_id=self.oid,
                lines=[{"sku": line["sku"], "quantity": 1, "reason": "did not fit"}],
                method=method,
                node_code=node if method == "STORE" else None,
            ),
            idempotency_key=self.key("return"),
        )
        rid = UUID(created["return_id"])
        self.oms.receive_return(
            rid, ReceiveReturn(node_code=node), idempotency_key=self.key("receive")
        )
        self.oms.inspect_return(
            rid,
            InspectReturn(lines=[{"sku": line["sku"], "quantity": 1, "disposition": "RESTOCK"}]),
            idempotency_key=self.key("inspect"),
        )
        return rid


def _amount(plan: Plan) -> Decimal:
    return sum((Decimal(x["unit_price"]) * x["quantity"] for x in plan.lines), Decimal(0))


def _paid_and_closed(j: Journey) -> None:
    j.deliver_all()
    if j.backordered:  # lines still waiting for stock: the order cannot close yet
        return
    pay = RecordPayment(amount=_amount(j.plan), method="card", reference=f"PAY-{j.plan.ref}")
    j.oms.record_payment(j.oid, pay, idempotency_key=j.key("payment"))
    j.oms.close_order(j.oid, idempotency_key=j.key("close"))


def _hold_released(j: Journey) -> None:
    j.oms.place_hold(
        j.oid,
        PlaceHold(type="CREDIT", reason="over the credit limit"),
        idempotency_key=j.key("hold"),
    )
    j.oms.release_hold(j.oid, HoldType.CREDIT, idempotency_key=j.key("release"))


def _address_changed(j: Journey) -> None:
    moved = {**j.plan.delivery["address"], "line1": "1 Changed Ave"}
    j.oms.change_address(j.oid, Address(**moved), idempotency_key=j.key("address"))


def _line_added(j: Journey) -> None:
    extra = Line(sku="SOCKS-3PK", quantity=1, unit_price="12.50")
    j.oms.add_line(j.oid, extra, idempotency_key=j.key("add-line"))


def _mail_refund(j: Journey) -> None:
    j.deliver_all()
    rid = j.return_one("MAIL", "DC-NJ")
    if rid is not None:
        j.oms.refund_return(rid, Refund(), idempotency_key=j.key("refund"))


def _store_refund(j: Journey) -> None:
    j.deliver_all()
    rid = j.return_one("STORE", "STORE-NYC")
    if rid is not None:
        j.oms.refund_return(rid, Refund(), idempotency_key=j.key("refund"))


def _store_exchange(j: Journey) -> None:
    j.deliver_all()
    rid = j.return_one("STORE", "STORE-NYC")
    if rid is not None:
        swap = Exchange(lines=[{"sku": j.shipped_first[0], "quantity": 1}])
        j.oms.exchange_return(rid, swap, idempotency_key=j.key("exchange"))


def every_shipment(*steps: str) -> Callable[[Journey], None]:
    def run(j: Journey) -> None:
        for sid in j.shipments:
            j.walk(sid, *steps)

    return run


def ready_for_pickup(*then: str) -> Callable[[Journey], None]:
    """Every shipment made ready at the store (a transfer: sent there and received at the
    store, SKU by SKU), then the steps `then`."""

    def run(j: Journey) -> None:
        for sid in j.shipments:
            if sid in j.transfers:
                j.walk(sid, *FULFIL)
                store, skus = j.transfers[sid]
                for sku in skus:
                    received, key = ReceiveTransfer(sku=sku), j.key(sid, "receive", sku)
                    j.oms.receive_transfer(store, sid, received, idempotency_key=key)
            else:
                j.walk(sid, "pick", "ready-for-pickup")
            j.walk(sid, *then)

    return run


def first_shipment(*steps: str) -> Callable[[Journey], None]:
    def run(j: Journey) -> None:
        for sid in j.shipments[:1]:
            j.walk(sid, *steps)

    return run


def _cancelled(j: Journey) -> None:
    cancel = CancelOrder(reason="customer changed their mind")
    j.oms.cancel_order(j.oid, cancel, idempotency_key=j.key("cancel"))


def _line_cancelled(j: Journey) -> None:
    line = {"sku": j.first_line()["sku"], "quantity": 1}
    cancel = CancelOrder(reason="one item no longer wanted", lines=[line])
    j.oms.cancel_order(j.oid, cancel, idempotency_key=j.key("cancel-line"))


def _held(j: Journey) -> None:
    hold = PlaceHold(type="FRAUD", reason="marketplace risk score 91")
    j.oms.place_hold(j.oid, hold, idempotency_key=j.key("hold"))


def _rejected(j: Journey) -> None:
    for sid in j.shipments[:1]:
        reject = RejectShipment(reason="damaged in storage")
        j.oms.reject_shipment(j.oid, sid, reject, idempotency_key=j.key(sid, "reject"))


STEPS: dict[str, Callable[[Journey], None]] = {
    "delivered": Journey.deliver_all,
    "delivered-paid-closed": _paid_and_closed,
    "in-transit": every_shipment(*FULFIL),
    "waiting": every_shipment(),
    "picked": first_shipment("pick"),
    "partly-shipped": first_shipment(*FULFIL),
    "pickup-ready": ready_for_pickup(),
    "pickup-collected": ready_for_pickup("collect"),
    "backordered": every_shipment(),
    "cancelled": _cancelled,
    "line-cancelled": _line_cancelled,
    "held": _held,
    "hold-released": _hold_released,
    "address-changed": _address_changed,
    "line-added": _line_added,
    "rejected-resourced": _rejected,
    "returned-by-mail-refunded": _mail_refund,
    "returned-in-store-refunded": _store_refund,
    "returned-in-store-exchanged": _store_exchange,
}


def carry_out(oms: OMS, plan: Plan, answer: dict[str, Any]) -> None:
    STEPS[plan.journey](Journey(oms, plan, answer))
