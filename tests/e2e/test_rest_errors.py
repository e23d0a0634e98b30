"""Bad requests: a problem document with the right status, and nothing stored."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from eventsourcing.persistence import OperationalError

from tests.e2e.conftest import e2e_settings, serve
from tests.e2e.helpers import node_body, ok, order_body, place, problem, receive, register, unique


@dataclass(frozen=True)
class World:
    node: str
    sku: str
    order_id: str
    cancelled_shipment: str


@pytest.fixture(scope="module")
def world(client: httpx.Client) -> World:
    node, sku = unique("DC"), unique("SKU")
    register(client, node)
    receive(client, node, sku, 10)
    order = place(client, {sku: 1})
    ok(client.post(f"/orders/{order['order_id']}/cancel", json={"reason": "test"}))
    return World(node, sku, order["order_id"], order["shipments"][0]["shipment_id"])


@dataclass(frozen=True)
class Case:
    """A request built from the world: method, path, and a JSON body or raw content."""

    method: str
    path: str
    json: Any = None
    content: bytes | None = None
    headers: dict[str, str] | None = None

    def send(self, client: httpx.Client, world: World) -> httpx.Response:
        path = self.path.format(w=world, random=uuid.uuid4())
        body = self.json(world) if callable(self.json) else self.json
        headers = {
            **({"content-type": "application/json"} if self.content else {}),
            **(self.headers or {}),
        }
        return client.request(self.method, path, json=body, content=self.content, headers=headers)


def _order(**changes: Any) -> Callable[[World], dict[str, Any]]:
    return lambda w: {**order_body({w.sku: 1}), **changes}


BAD_REQUESTS: dict[str, tuple[Case, int]] = {
    "negative receipt quantity": (
        Case("POST", "/nodes/{w.node}/receipts", lambda w: {"sku": w.sku, "quantity": -1}),
        422,
    ),
    "zero order quantity": (
        Case("POST", "/orders", _order(lines=[{"sku": "A", "quantity": 0, "unit_price": "1"}])),
        422,
    ),
    "quantity beyond the limit": (
        Case("POST", "/nodes/{w.node}/receipts", lambda w: {"sku": w.sku, "quantity": 10_000_001}),
        422,
    ),
    "quantity that is not a number": (
        Case("POST", "/nodes/{w.node}/receipts", lambda w: {"sku": w.sku, "quantity": "lots"}),
        422,
    ),
    "receipt at an unknown node": (
        Case("POST", "/nodes/NOWHERE/receipts", {"sku": "A", "quantity": 1}),
        404,
    ),
    "transfer to an unknown node": (
        Case(
            "POST",
            "/nodes/{w.node}/transfers",
            lambda w: {"to_node": "NOWHERE", "sku": w.sku, "quantity": 1},
        ),
        404,
    ),
    "unknown field on a node": (
        Case("POST", "/nodes", lambda w: {**node_body(unique("DC")), "colour": "red"}),
        422,
    ),
    "unknown nested field on an order": (
        Case(
            "POST", "/orders", _order(customer={"id": "C", "name": "N", "email": "a@b.c", "age": 3})
        ),
        422,
    ),
    "unknown channel": (Case("POST", "/orders", _order(channel="FAX")), 422),
    "pickup without a pickup node": (
        Case("POST", "/orders", _order(delivery={"method": "PICKUP"})),
        422,
    ),
    "timestamp without a time zone": (
        Case(
            "POST",
            "/nodes/{w.node}/downtimes",
            {"starts_at": "2030-01-01T08:00:00", "ends_at": "2030-01-01T09:00:00Z", "reason": "x"},
        ),
        422,
    ),
    "malformed JSON": (Case("POST", "/orders", content=b'{"channel": "WEB",'), 422),
    "JSON nested deeper than the parser goes": (
        Case("POST", "/orders", content=b"[" * 100_000),
        422,
    ),
    "number with more digits than Python reads": (
        Case(
            "POST",
            "/nodes/{w.node}/receipts",
            content=b'{"sku": "A", "quantity": 1' + b"0" * 5000 + b"}",
        ),
        422,
    ),
    "JSON that is not an object": (Case("POST", "/orders", content=b"[1, 2]"), 422),
    "missing body": (Case("POST", "/nodes/{w.node}/receipts"), 422),
    "text instead of JSON": (
        Case(
            "POST",
            "/nodes/{w.node}/receipts",
            content=b"sku=A",
            headers={"content-type": "text/plain"},
        ),
        422,
    ),
    "SKU in the path breaking the SKU rule": (
        Case("PUT", "/nodes/{w.node}/safety-stock/%20bad%20", {"quantity": 1}),
        422,
    ),
    "idempotency key too long": (
        Case(
            "POST",
            "/nodes/{w.node}/receipts",
            lambda w: {"sku": w.sku, "quantity": 1},
            headers={"Idempotency-Key": "k" * 201},
        ),
        422,
    ),
    "order id that is not a UUID": (
        Case("POST", "/orders/not-a-uuid/cancel", {"reason": "x"}),
        404,
    ),
    "shipment id that is not a UUID": (
        Case("POST", "/orders/{w.order_id}/shipments/123/pick"),
        404,
    ),
    "return id that is not a UUID": (
        Case("POST", "/returns/nope/receive", lambda w: {"node_code": w.node}),
        404,
    ),
    "transfer id that is not a UUID": (
        Case("POST", "/nodes/{w.node}/transfers/nope/receive", lambda w: {"sku": w.sku}),
        404,
    ),
    "downtime id that is not a UUID": (Case("DELETE", "/nodes/{w.node}/downtimes/nope"), 404),
    "unknown order": (Case("POST", "/orders/{random}/cancel", {"reason": "x"}), 404),
    "unknown shipment of a known order": (
        Case("POST", "/orders/{w.order_id}/shipments/{random}/pick"),
        404,
    ),
    "unknown return": (Case("POST", "/returns/{random}/close"), 404),
    "return of an unknown order": (
        Case(
            "POST",
            "/returns",
            lambda w: {
                "order_id": str(uuid.uuid4()),
                "method": "MAIL",
                "lines": [{"sku": w.sku, "quantity": 1, "reason": "x"}],
            },
        ),
        404,
    ),
    "shipping a cancelled shipment": (
        Case(
            "POST", "/orders/{w.order_id}/shipments/{w.cancelled_shipment}/ship", {"carrier": "DHL"}
        ),
        409,
    ),
    "picking a cancelled shipment": (
        Case("POST", "/orders/{w.order_id}/shipments/{w.cancelled_shipment}/pick"),
        409,
    ),
    "returning goods never delivered": (
        Case(
            "POST",
            "/returns",
            lambda w: {
                "order_id": w.order_id,
                "method": "MAIL",
                "lines": [{"sku": w.sku, "quantity": 1, "reason": "x"}],
            },
        ),
        409,
    ),
    "unknown route": (Case("GET", "/warehouses"), 404),
    "method the route does not have": (Case("GET", "/orders"), 405),
}


@pytest.mark.parametrize(("case", "status"), BAD_REQUESTS.values(), ids=BAD_REQUESTS.keys())
def test_a_bad_request_is_a_problem_and_stores_nothing(
    client: httpx.Client, world: World, stored_events: Callable[[], int], case: Case, status: int
) -> None:
    before = stored_events()

    response = case.send(client, world)

    problem(response, status)
    assert stored_events() == before


def test_a_validation_problem_lists_every_bad_field_without_echoing_input(
    client: httpx.Client,
) -> None:
    body = {**node_body(unique("DC")), "lat": 91, "type": "CASTLE", "secret": "s3cr3t"}

    found = problem(client.post("/nodes", json=body), 422)

    assert {tuple(e["loc"]) for e in found["errors"]} == {
        ("body", "lat"),
        ("body", "type"),
        ("body", "secret"),
    }
    assert all(set(e) == {"loc", "msg", "type"} for e in found["errors"])
    assert "s3cr3t" not in str(found)


def test_a_malformed_json_problem_says_so(client: httpx.Client) -> None:
    response = client.post(
        "/orders", content=b"{oops", headers={"content-type": "application/json"}
    )

    assert [e["type"] for e in problem(response, 422)["errors"]] == ["json_invalid"]


def test_a_domain_refusal_explains_itself_in_the_detail(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)

    body = problem(
        client.post(f"/nodes/{code}/adjustments", json={"sku": sku, "delta": -1, "reason": "lost"}),
        409,
    )

    assert "below zero" in body["detail"]
    assert body["type"].endswith("/not-allowed")


def test_failures_that_are_not_the_callers_fault_are_5xx_problems_hiding_internals(
    module_database_url: str,
) -> None:
    with serve(e2e_settings(module_database_url)) as running:

        @running.app.get("/boom")
        def boom() -> None:
            raise RuntimeError("secret internals")

        @running.app.get("/database-down")
        def database_down() -> None:
            raise OperationalError("connection refused at 10.0.0.7")

        with httpx.Client(base_url=running.url) as http:
            down = http.get("/database-down")
            # Last: the server drops the connection after an unhandled error.
            bug = problem(http.get("/boom"), 500)

    assert "secret internals" not in bug["detail"]
    assert "10.0.0.7" not in problem(down, 503)["detail"]
    assert down.headers["retry-after"] == "5"
