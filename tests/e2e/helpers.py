"""Request bodies and checks shared by the HTTP tests; each test names its own nodes/SKUs."""

from __future__ import annotations

import uuid
from typing import Any

import httpx

AMSTERDAM = (52.37, 4.90)
UTRECHT = (52.09, 5.12)
ROTTERDAM = (51.92, 4.48)
PARIS = (48.86, 2.35)


def unique(prefix: str) -> str:
    return f"{prefix}-{uuid.uuid4().hex[:8]}"


def ok(response: httpx.Response, status: int = 200) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()
    assert isinstance(body.get("position"), int)
    return body


def problem(response: httpx.Response, status: int) -> dict[str, Any]:
    """The problem document of an error response, checked for shape."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = response.json()
    assert body["status"] == status
    assert {"type", "title", "detail"} <= body.keys()
    return body


def node_body(
    code: str,
    at: tuple[float, float] = AMSTERDAM,
    type_: str = "DC",
    capabilities: tuple[str, ...] = ("SHIP", "RETURNS"),
    **extra: Any,
) -> dict[str, Any]:
    return {
        "code": code,
        "name": f"Node {code}",
        "type": type_,
        "lat": at[0],
        "lon": at[1],
        "capabilities": list(capabilities),
        **extra,
    }


def register(client: httpx.Client, code: str, **kwargs: Any) -> dict[str, Any]:
    return ok(client.post("/nodes", json=node_body(code, **kwargs)), 201)


def receive(client: httpx.Client, code: str, sku: str, quantity: int) -> dict[str, Any]:
    return ok(client.post(f"/nodes/{code}/receipts", json={"sku": sku, "quantity": quantity}))


def near_and_far(client: httpx.Client, quantity: int) -> tuple[str, str, str]:
    """A DC in Utrecht and one in Rotterdam, each holding `quantity` of a new SKU."""
    near, far, sku = unique("DC"), unique("DC"), unique("SKU")
    register(client, near, at=UTRECHT)
    register(client, far, at=ROTTERDAM)
    receive(client, near, sku, quantity)
    receive(client, far, sku, quantity)
    return near, far, sku


def address(at: tuple[float, float] = AMSTERDAM) -> dict[str, Any]:
    return {
        "line1": "Damrak 1",
        "city": "Amsterdam",
        "postal_code": "1012 LG",
        "country": "NL",
        "lat": at[0],
        "lon": at[1],
    }


def order_body(
    lines: dict[str, int],
    *,
    to: tuple[float, float] = AMSTERDAM,
    pickup_node: str | None = None,
    **extra: Any,
) -> dict[str, Any]:
    delivery: dict[str, Any] = (
        {"method": "PICKUP", "pickup_node": pickup_node}
        if pickup_node
        else {"method": "SHIP", "address": address(to)}
    )
    return {
        "channel": "WEB",
        "customer": {"id": "C-1", "name": "Ada Lovelace", "email": "ada@example.com"},
        "delivery": delivery,
        "lines": [
            {"sku": sku, "quantity": qty, "unit_price": "10.00"} for sku, qty in lines.items()
        ],
        **extra,
    }


def place(client: httpx.Client, lines: dict[str, int], **kwargs: Any) -> dict[str, Any]:
    return ok(client.post("/orders", json=order_body(lines, **kwargs)), 201)


def step(
    client: httpx.Client,
    order_id: str,
    shipment_id: str,
    name: str,
    body: dict[str, Any] | None = None,
) -> httpx.Response:
    return client.post(f"/orders/{order_id}/shipments/{shipment_id}/{name}", json=body)


def fulfil(client: httpx.Client, order_id: str, shipment_id: str) -> dict[str, Any]:
    """Pick, pack, ship and deliver one shipment; the last answer."""
    for name in ("pick", "pack"):
        ok(step(client, order_id, shipment_id, name))
    ok(step(client, order_id, shipment_id, "ship", {"carrier": "DHL"}))
    return ok(step(client, order_id, shipment_id, "deliver"))


def shipment_on(order: dict[str, Any], node_code: str) -> dict[str, Any]:
    [found] = [s for s in order["shipments"] if s["node_code"] == node_code]
    return found
