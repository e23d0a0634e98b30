"""A seeded stream of random OMS commands: orders, partial cancels, rejections, shipments,
returns, receipts, transfers, holds, node changes. Commands the domain refuses are skipped."""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

from application import commands as c
from application.oms import OMS
from domain.errors import DomainError
from domain.shipment import OPEN
from domain.values import HoldType, ShipmentStatus

NODES = {
    "DC-NJ": ("DC", 40.73, -74.17, ["SHIP", "RETURNS"]),
    "WH-TX": ("WAREHOUSE", 32.90, -97.04, ["SHIP"]),
    "STORE-NYC": ("STORE", 40.75, -73.99, ["SHIP", "PICKUP", "RETURNS"]),
    "VENDOR": ("DROPSHIP", 41.88, -87.63, ["SHIP"]),
}
SKUS = ["TEE", "CAP", "MUG", "SOCK", "BAG"]
ADDRESS = {
    "line1": "350 5th Ave",
    "city": "New York",
    "postal_code": "10118",
    "country": "US",
    "lat": 40.748,
    "lon": -73.986,
}
NEXT_STEP = {
    ShipmentStatus.ALLOCATED: "pick",
    ShipmentStatus.PICKED: "pack",
    ShipmentStatus.PACKED: "ship",
    ShipmentStatus.SHIPPED: "deliver",
    ShipmentStatus.READY_FOR_PICKUP: "collect",
}


class Workload:
    def __init__(self, oms: OMS, seed: int) -> None:
        self.oms, self.rng = oms, random.Random(seed)
        self.orders: list[UUID] = []
        self.returns: list[UUID] = []
        self.transfers: list[tuple[str, UUID, str]] = []
        self.downtimes: list[tuple[str, UUID]] = []
        self.skipped = 0

    def setup(self) -> None:
        for code, (kind, lat, lon, caps) in NODES.items():
            self.oms.register_node(
                c.RegisterNode(code=code, name=code, type=kind, lat=lat, lon=lon, capabilities=caps)
            )
            for sku in SKUS:
                self.oms.receive_stock(code, c.ReceiveStock(sku=sku, quantity=20))

    def run(self, commands: int) -> None:
        actions: list[tuple[int, Callable[[], Any]]] = [
            (6, self.place),
            (10, self.step),
            (2, self.reject),
            (2, self.cancel_part),
            (1, self.cancel_all),
            (3, self.receive),
            (1, self.adjust),
            (1, self.safety),
            (1, self.transfer),
            (1, self.receive_transfer),
            (2, self.hold),
            (2, self.change),
            (1, self.close),
            (1, self.pay),
            (3, self.create_return),
            (5, self.progress_return),
            (1, self.toggle_node),
            (1, self.downtime),
        ]
        weights = [w for w, _ in actions]
        for _ in range(commands):
            (action,) = self.rng.choices([a for _, a in actions], weights)
            try:
                action()
            except (DomainError, IndexError, ValueError):
                self.skipped += 1

    # Stock and nodes --------------------------------------------------------------------

    def node(self) -> str:
        return self.rng.choice(list(NODES))

    def receive(self) -> None:
        qty = self.rng.randint(1, 15)
        self.oms.receive_stock(
            self.node(), c.ReceiveStock(sku=self.rng.choice(SKUS), quantity=qty, reference="PO")
        )

    def adjust(self) -> None:
        self.oms.adjust_stock(
            self.node(),
            c.AdjustStock(
                sku=self.rng.choice(SKUS), delta=self.rng.randint(-3, 3) or 1, reason="cycle count"
            ),
        )

    def safety(self) -> None:
        self.oms.set_safety_stock(
            self.node(), self.rng.choice(SKUS), c.SetSafetyStock(quantity=self.rng.randint(0, 4))
        )

    def transfer(self) -> None:
        source, target = self.rng.sample(list(NODES), 2)
        sku = self.rng.choice(SKUS)
        answer = self.oms.transfer_stock(
            source, c.Transfer(to_node=target, sku=sku, quantity=self.rng.randint(1, 3))
        )
        self.transfers.append((target, UUID(answer["transfer_id"]), sku))

    def receive_transfer(self) -> None:
        target, transfer_id, sku = self.transfers.pop(self.rng.randrange(len(self.transfers)))
        self.oms.receive_transfer(target, transfer_id, c.ReceiveTransfer(sku=sku))

    def toggle_node(self) -> None:
        code = self.node()
        active = not self.oms.node(code).active
        self.oms.set_node_status(code, c.SetNodeStatus(active=active))

    def downtime(self) -> None:
        if self.downtimes and self.rng.random() < 0.5:
            code, downtime_id = self.downtimes.pop()
            self.oms.cancel_downtime(code, downtime_id)
            return
        code, start = self.node(), datetime(2031, 1, 1, tzinfo=UTC)
        before = set(self.oms.node(code).downtimes)
        self.oms.schedule_downtime(
            code,
            c.ScheduleDowntime(
                starts_at=start, ends_at=start + timedelta(hours=4), reason="maintenance"
            ),
        )
        (added,) = set(self.oms.node(code).downtimes) - before
        self.downtimes.append((code, UUID(str(added))))

    # Orders -----------------------------------------------------------------------------

    def place(self) -> None:
        pickup = self.rng.random() < 0.2
        delivery = (
            {"method": "PICKUP", "pickup_node": "STORE-NYC"}
            if pickup
            else {"method": "SHIP", "address": ADDRESS}
        )
        lines = [
            {
                "sku": sku,
                "quantity": self.rng.randint(1, 4),
                "unit_price": Decimal(self.rng.randint(100, 5000)) / 100,
            }
            for sku in self.rng.sample(SKUS, self.rng.randint(1, 3))
        ]
        channel = self.rng.choice(["WEB", "MOBILE", "CALL_CENTER", "STORE", "MARKETPLACE"])
        answer = self.oms.place_order(
            c.PlaceOrder(
                channel=channel,
                delivery=delivery,
                lines=lines,
                customer={
                    "id": f"C-{self.rng.randint(1, 9)}",
                    "name": "Ada",
                    "email": "ada@example.com",
                },
            )
        )
        self.orders.append(UUID(answer["order_id"]))

    def order(self) -> Any:
        return self.oms.order(self.rng.choice(self.orders))

    def shipment(self, order: Any, statuses: frozenset[ShipmentStatus]) -> Any:
        return self.rng.choice([s for s in order.shipments.values() if s.status in statuses])

    def step(self) -> None:
        """Take one shipment one to four steps on."""
        oid, sid = self.rng.choice(self.orders), None
        for _ in range(self.rng.randint(1, 4)):
            order = self.oms.order(oid)
            shipment = order.shipments[sid] if sid else self.shipment(order, frozenset(NEXT_STEP))
            sid, step = str(shipment.id), NEXT_STEP.get(shipment.status)
            if step is None:
                return
            if order.method == "PICKUP" and step == "pack":
                step = "ready-for-pickup"
            cmd = c.ShipShipment(carrier="UPS") if step == "ship" else None
            self.oms.step_shipment(order.id, shipment.id, step, cmd)

    def reject(self) -> None:
        order = self.order()
        shipment = self.shipment(order, frozenset({ShipmentStatus.ALLOCATED}))
        self.oms.reject_shipment(order.id, shipment.id, c.RejectShipment(reason="damaged"))

    def cancel_part(self) -> None:
        order = self.order()
        sku = self.rng.choice(list(order.lines))
        self.oms.cancel_order(
            order.id, c.CancelOrder(reason="customer asked", lines=[{"sku": sku, "quantity": 1}])
        )

    def cancel_all(self) -> None:
        self.oms.cancel_order(self.order().id, c.CancelOrder(reason="fraud"))

    def hold(self) -> None:
        order = self.order()
        if order.holds:
            self.oms.release_hold(order.id, HoldType(next(iter(order.holds))))
        else:
            self.oms.place_hold(order.id, c.PlaceHold(type="CREDIT", reason="limit"))

    def change(self) -> None:
        order = self.order()
        if any(s.status not in OPEN for s in order.shipments.values()):
            raise ValueError("too late to change")
        choice = self.rng.random()
        if choice < 0.3 and order.method == "SHIP":
            self.oms.change_address(order.id, c.Address(**{**ADDRESS, "city": "Brooklyn"}))
        elif choice < 0.6:
            sku = self.rng.choice(list(order.lines))
            self.oms.change_line(order.id, sku, c.ChangeLine(quantity=self.rng.randint(0, 5)))
        else:
            self.oms.add_line(
                order.id, c.Line(sku=self.rng.choice(SKUS), quantity=1, unit_price=Decimal("3.50"))
            )

    def close(self) -> None:
        self.oms.close_order(self.order().id)

    def pay(self) -> None:
        order = self.order()
        self.oms.record_payment(
            order.id,
            c.RecordPayment(
                amount=Decimal("9.99"), method="card", reference=f"P-{self.rng.random()}"
            ),
        )

    # Returns ----------------------------------------------------------------------------

    def create_return(self) -> None:
        order = self.order()
        lines = [
            {"sku": sku, "quantity": order.returnable(sku), "reason": "fit"}
            for sku in order.lines
            if order.returnable(sku) > 0
        ]
        if not lines:
            raise ValueError("nothing delivered")
        method = self.rng.choice(["MAIL", "STORE"])
        answer = self.oms.create_return(
            c.CreateReturn(
                order_id=order.id,
                lines=lines,
                method=method,
                node_code="STORE-NYC" if method == "STORE" else None,
            )
        )
        self.returns.append(UUID(answer["return_id"]))

    def progress_return(self) -> None:
        rid = self.rng.choice(self.returns)
        ret = self.oms.return_(rid)
        match str(ret.status):
            case "AUTHORIZED" if self.rng.random() < 0.15:
                self.oms.cancel_return(rid, "kept it")
            case "AUTHORIZED":
                node = self.rng.choice(["DC-NJ", "STORE-NYC"])
                self.oms.receive_return(rid, c.ReceiveReturn(node_code=node))
            case "RECEIVED":
                lines = [
                    {
                        "sku": sku,
                        "quantity": qty,
                        "disposition": self.rng.choice(["RESTOCK", "REFURBISH", "SCRAP"]),
                    }
                    for sku, qty in ret.quantities.items()
                ]
                self.oms.inspect_return(rid, c.InspectReturn(lines=lines))
            case "INSPECTED" if self.rng.random() < 0.8:
                self.oms.refund_return(rid, c.Refund())
            case "INSPECTED":
                lines = [{"sku": sku, "quantity": qty} for sku, qty in ret.quantities.items()]
                self.oms.exchange_return(rid, c.Exchange(lines=lines))
            case "REFUNDED" | "EXCHANGED":
                self.oms.close_return(rid)
            case _:
                raise ValueError("nothing to do")
