"""A small network of nodes and a way to place orders against it, for application tests."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.commands import (
    PlaceOrder,
    ReceiveStock,
    RegisterNode,
    SetSafetyStock,
    ShipShipment,
)
from application.oms import OMS

NEW_YORK = {
    "line1": "350 5th Ave",
    "city": "New York",
    "postal_code": "10118",
    "country": "US",
    "lat": 40.748,
    "lon": -73.986,
}
DALLAS = {
    "line1": "1 Main St",
    "city": "Dallas",
    "postal_code": "75201",
    "country": "US",
    "lat": 32.78,
    "lon": -96.80,
}
NODES = {
    "DC-NJ": ("DC", 40.73, -74.17, ["SHIP", "RETURNS"]),
    "DC-TX": ("DC", 32.90, -97.04, ["SHIP", "RETURNS"]),
    "STORE-NYC": ("STORE", 40.75, -73.99, ["SHIP", "PICKUP", "RETURNS"]),
}


class Network:
    def __init__(self, oms: OMS, *, register: bool = True) -> None:
        """Register the nodes, or (`register=False`) drive a network another OMS registered."""
        self.oms = oms
        for code, (kind, lat, lon, caps) in NODES.items() if register else ():
            oms.register_node(
                RegisterNode(code=code, name=code, type=kind, lat=lat, lon=lon, capabilities=caps)
            )

    def stock(self, code: str, sku: str, quantity: int) -> None:
        self.oms.receive_stock(code, ReceiveStock(sku=sku, quantity=quantity))

    def known(self, code: str, sku: str) -> None:
        """Open the node's record of a SKU with nothing in it: a SKU sold out, not unknown."""
        self.oms.set_safety_stock(code, sku, SetSafetyStock(quantity=0))

    def place(
        self,
        lines: dict[str, int],
        *,
        to: dict[str, Any] = NEW_YORK,
        pickup: str | None = None,
        **extra: Any,
    ) -> dict[str, Any]:
        key = extra.pop("idempotency_key", None)
        delivery = (
            {"method": "PICKUP", "pickup_node": pickup}
            if pickup
            else {"method": "SHIP", "address": to}
        )
        return self.oms.place_order(
            PlaceOrder(
                channel=extra.pop("channel", "WEB"),
                customer={"id": "C-1", "name": "Ada", "email": "ada@example.com"},
                delivery=delivery,
                lines=[{"sku": s, "quantity": q, "unit_price": "10.00"} for s, q in lines.items()],
                **extra,
            ),
            idempotency_key=key,
        )

    def available(self, code: str, sku: str) -> int:
        return self.oms.stock(code, sku).available

    def deliver(self, answer: dict[str, Any]) -> None:
        """Walk every shipment of a placed order through to delivery."""
        oid = UUID(answer["order_id"])
        for shipment in answer["shipments"]:
            sid = UUID(shipment["shipment_id"])
            for step in ("pick", "pack"):
                self.oms.step_shipment(oid, sid, step)
            self.oms.step_shipment(oid, sid, "ship", ShipShipment(carrier="UPS"))
            self.oms.step_shipment(oid, sid, "deliver")
