"""Demo data: a small US network, stock, and orders in many states.

Loaded through the application like any other commands. Every write carries a fixed
idempotency key (orders a fixed external reference), so loading twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from application.commands import (
    CancelOrder,
    CreateReturn,
    InspectReturn,
    PlaceHold,
    PlaceOrder,
    ReceiveReturn,
    ReceiveStock,
    Refund,
    RegisterNode,
    SetSafetyStock,
    ShipShipment,
)
from application.oms import OMS
from domain.values import node_id
from interfaces.demo_data import NODES, ORDERS, STOCK


def load(oms: OMS, say: Callable[[str], None] = print) -> None:
    """Load the demo network, stock and orders; safe to run again."""
    for code, (name, kind, lat, lon, caps, priority, cost, capacity) in NODES.items():
        if oms.find(node_id(code)) is None:
            oms.register_node(
                RegisterNode(
                    code=code,
                    name=name,
                    type=kind,
                    lat=lat,
                    lon=lon,
                    capabilities=caps,
                    priority=priority,
                    ship_cost=cost,
                    daily_capacity=capacity,
                )
            )
    say(f"{len(NODES)} nodes")
    for sku, holdings in STOCK.items():
        for code, quantity in holdings.items():
            oms.receive_stock(
                code,
                ReceiveStock(sku=sku, quantity=quantity, reference="opening"),
                idempotency_key=f"demo:receipt:{code}:{sku}",
            )
    oms.set_safety_stock(
        "STORE-NYC",
        "TSHIRT-BLK-M",
        SetSafetyStock(quantity=4),
        idempotency_key="demo:safety:STORE-NYC:TSHIRT-BLK-M",
    )
    say(f"{sum(len(h) for h in STOCK.values())} stock positions")
    for ref, channel, name, delivery, lines, then in ORDERS:
        answer = oms.place_order(
            PlaceOrder(
                external_ref=ref,
                channel=channel,
                delivery=delivery,
                customer={
                    "id": name.split()[-1].upper(),
                    "name": name,
                    "email": f"{name.split()[0].lower()}@example.com",
                },
                lines=[
                    {"sku": sku, "quantity": qty, "unit_price": "24.90"}
                    for sku, qty in lines.items()
                ],
            )
        )
        _carry_on(oms, ref, answer, then)
    say(f"{len(ORDERS)} orders")


def _carry_on(oms: OMS, ref: str, answer: dict[str, Any], then: str) -> None:
    oid = UUID(answer["order_id"])
    shipments = [UUID(s["shipment_id"]) for s in answer["shipments"]]

    def step(sid: UUID, name: str, cmd: Any = None) -> None:
        oms.step_shipment(oid, sid, name, cmd, idempotency_key=f"demo:{ref}:{sid}:{name}")

    if then == "cancel":
        oms.cancel_order(
            oid,
            CancelOrder(reason="customer changed their mind"),
            idempotency_key=f"demo:{ref}:cancel",
        )
    elif then == "hold":
        oms.place_hold(
            oid,
            PlaceHold(type="FRAUD", reason="marketplace risk score 91"),
            idempotency_key=f"demo:{ref}:hold",
        )
    elif then == "ready":
        step(shipments[0], "pick")
        step(shipments[0], "ready-for-pickup")
    elif then in ("deliver", "ship-first", "return"):
        for sid in shipments if then != "ship-first" else shipments[:1]:
            step(sid, "pick")
            step(sid, "pack")
            step(sid, "ship", ShipShipment(carrier="UPS"))
            if then != "ship-first":
                step(sid, "deliver")
    if then == "return":
        _return(oms, ref, oid)


def _return(oms: OMS, ref: str, oid: UUID) -> None:
    key = f"demo:{ref}:return"
    rid = UUID(
        oms.create_return(
            CreateReturn(
                order_id=oid,
                lines=[{"sku": "SOCKS-3PK", "quantity": 1, "reason": "wrong size"}],
                method="STORE",
                node_code="STORE-NYC",
            ),
            idempotency_key=key,
        )["return_id"]
    )
    oms.receive_return(rid, ReceiveReturn(node_code="STORE-NYC"), idempotency_key=f"{key}:receive")
    oms.inspect_return(
        rid,
        InspectReturn(lines=[{"sku": "SOCKS-3PK", "quantity": 1, "disposition": "RESTOCK"}]),
        idempotency_key=f"{key}:inspect",
    )
    oms.refund_return(rid, Refund(), idempotency_key=f"{key}:refund")
