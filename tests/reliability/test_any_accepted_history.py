"""After any sequence of accepted commands, every read model reaches the log head.

Each example drives one omnichannel journey through the REST API (node, stock, order,
changes, payment, fulfilment, return, transfer, cancellation) with every field drawn from
the edges of what the command models accept, values just beyond them and arbitrary ones.
Whatever the server accepts must then project: each projection catches up to the head with
no error, and GraphQL reads the order and the stock back. Examples share one database, so
later ones run on top of everything earlier ones wrote (receipts pile up, orders add up).
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from psycopg_pool import ConnectionPool

from domain.limits import MAX_AMOUNT, MAX_LINES, MAX_QUANTITY
from interfaces.api.app import create_app
from interfaces.database import connection_pool
from projections import ProjectionRunner
from tests.e2e.conftest import e2e_settings
from tests.reliability.extremes import Fields

_serial = itertools.count()


class Api:
    """The REST API of a server without in-process projections; 5xx fails the test."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        self.accepted = 0

    def send(self, method: str, path: str, body: Any = None) -> dict[str, Any] | None:
        # Escaped by the json module, so lone surrogates and NaN reach the server too.
        content = None if body is None else json.dumps(body)
        headers = {"content-type": "application/json"}
        response = self.client.request(method, path, content=content, headers=headers)
        assert response.status_code < 500, (path, body, response.text)
        if response.status_code >= 300:
            return None
        self.accepted += 1
        result: dict[str, Any] = response.json()
        return result


@pytest.fixture(scope="module")
def client(module_database_url: str) -> Iterator[TestClient]:
    app = create_app(e2e_settings(module_database_url))
    with TestClient(app, base_url="http://127.0.0.1") as running:  # a loopback Host
        yield running


@pytest.fixture(scope="module")
def runner(client: TestClient, module_database_url: str) -> Iterator[ProjectionRunner]:
    pool: ConnectionPool = connection_pool(module_database_url, max_size=5)
    oms = client.app.state.oms  # type: ignore[attr-defined]
    yield ProjectionRunner(pool, oms.recorder, oms.mapper)
    pool.close()


@settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    # Examples share the database, so a smaller failing example is not a simpler one:
    # report the first failure as found (every draw is printed) instead of shrinking.
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(plan=st.data())
def test_every_read_model_reaches_the_head_after_any_accepted_commands(
    client: TestClient, runner: ProjectionRunner, plan: st.DataObject
) -> None:
    api = Api(client)
    # Everything is drawn before anything is sent: what the server answers depends on
    # earlier examples, and must not change what Hypothesis draws.
    fields = Fields(hostile=plan.draw(st.booleans(), label="hostile"))
    journey(api, draw_journey(plan.draw, fields, next(_serial)))

    runner.catch_up()
    statuses = runner.status()

    assert api.accepted > 0
    assert {s.name for s in statuses} >= {"stock", "order_tracking", "returns"}
    for status in statuses:
        assert (status.position, status.error) == (status.head, None), status
    reads = client.post("/graphql", json={"query": "{ nodes { code name dailyCapacity } }"})
    assert "errors" not in reads.json(), reads.text


def draw_journey(draw: Any, x: Fields, n: int) -> dict[str, Any]:
    """Every request body of one journey (ids the server assigns are filled in later)."""
    code, other, sku = draw(x.code(f"N{n}-")), f"M{n}-", draw(x.code(f"S{n}-"))
    return {
        "code": code,
        "other": other,
        "sku": sku,
        "node": {
            "code": code,
            "name": draw(x.text()),
            "type": draw(st.sampled_from(["DC", "WAREHOUSE", "STORE", "DROPSHIP"])),
            "lat": draw(x.coordinate(90)),
            "lon": draw(x.coordinate(180)),
            "capabilities": ["SHIP", "PICKUP", "RETURNS", "SPECIAL_HANDLING"],
            "daily_capacity": draw(x.capacity()),
            "priority": draw(st.integers(-1, 1001)),
            "ship_cost": draw(x.amount()),
        },
        "receipts": [
            {"sku": sku, "quantity": draw(x.quantity()), "reference": draw(x.text(100))}
            for _ in range(draw(st.integers(1, 3)))
        ],
        "adjustment": {
            "sku": sku,
            draw(st.sampled_from(["delta", "counted_quantity"])): draw(x.quantity()),
            "reason": draw(x.text()),
        },
        "safety_stock": {"quantity": draw(x.quantity())},
        "transfer": {"to_node": other, "sku": sku, "quantity": draw(x.quantity())},
        "downtime": {
            "starts_at": draw(x.instant()),
            "ends_at": draw(x.instant()),
            "reason": draw(x.text()),
        },
        "order": draw_order(draw, x, sku),
        "largest_order": largest_order(draw, x, sku),
        "line": {"sku": f"{sku}-X", "quantity": draw(x.quantity()), "unit_price": draw(x.amount())},
        "new_quantity": {"quantity": draw(x.quantity())},
        "hold": {"type": "FRAUD", "reason": draw(x.text())},
        "address": draw_address(draw, x),
        "payment": {
            "amount": draw(x.amount()),
            "method": draw(x.text()),
            "reference": draw(x.text(100)),
        },
        "label": {"carrier": draw(x.text(50)), "tracking_number": draw(st.none() | x.text(100))},
        "return_line": {"sku": sku, "quantity": draw(x.quantity()), "reason": draw(x.text())},
        "disposition": draw(st.sampled_from(["RESTOCK", "REFURBISH", "SCRAP"])),
        "refund": {"amount": draw(st.none() | x.amount())},
        "cancel": {"reason": draw(x.text())},
    }


def draw_order(draw: Any, x: Fields, sku: str) -> dict[str, Any]:
    lines = [
        {
            "sku": f"{sku}-{i}" if i else sku,
            "quantity": draw(x.quantity()),
            "unit_price": draw(x.amount()),
        }
        for i in range(draw(st.integers(1, 4)))
    ]
    return {
        "external_ref": draw(st.none() | x.text(100)),
        "channel": draw(st.sampled_from(["WEB", "MOBILE", "CALL_CENTER", "STORE", "MARKETPLACE"])),
        "customer": {
            "id": draw(x.code("C")),
            "name": draw(x.text()),
            "email": draw(x.email()),
        },
        "delivery": {"method": "SHIP", "address": draw_address(draw, x)},
        "lines": lines,
        "requested_date": draw(x.day()),
        "payment": {"method": draw(x.text()), "authorized_amount": draw(x.amount())},
    }


def largest_order(draw: Any, x: Fields, sku: str) -> dict[str, Any]:
    """An order as large as the models allow: every line at the largest quantity and price."""
    count = draw(st.sampled_from([1, MAX_LINES]))
    lines = [
        {"sku": f"{sku}-L{i}", "quantity": MAX_QUANTITY, "unit_price": str(MAX_AMOUNT)}
        for i in range(count)
    ]
    return {**draw_order(draw, x, sku), "lines": lines}


def draw_address(draw: Any, x: Fields) -> dict[str, Any]:
    return {
        "line1": draw(x.text()),
        "city": draw(x.text()),
        "postal_code": draw(x.text(20)),
        "country": draw(st.sampled_from(["US", "NL", "\x00\x00", "é\U0001f600"]) | x.text(2)),
        "lat": draw(x.coordinate(90)),
        "lon": draw(x.coordinate(180)),
    }


def journey(api: Api, plan: dict[str, Any]) -> None:
    code, other, sku = plan["code"], plan["other"], plan["sku"]
    plain = {
        "code": code,
        "name": "plain",
        "type": "DC",
        "lat": 0,
        "lon": 0,
        "capabilities": plan["node"]["capabilities"],
    }
    if api.send("POST", "/nodes", plan["node"]) is None:
        api.send("POST", "/nodes", plain)
    api.send("POST", "/nodes", {**plain, "code": other})
    for receipt in plan["receipts"]:
        api.send("POST", f"/nodes/{code}/receipts", receipt)
    api.send("POST", f"/nodes/{code}/receipts", {"sku": sku, "quantity": MAX_QUANTITY})
    api.send("POST", f"/nodes/{code}/adjustments", plan["adjustment"])
    api.send("PUT", f"/nodes/{code}/safety-stock/{sku}", plan["safety_stock"])
    moved = api.send("POST", f"/nodes/{code}/transfers", plan["transfer"])
    if moved is not None:
        api.send("POST", f"/nodes/{other}/transfers/{moved['transfer_id']}/receive", {"sku": sku})
    api.send("POST", f"/nodes/{code}/downtimes", plan["downtime"])
    api.send("POST", "/orders", plan["largest_order"])
    order = api.send("POST", "/orders", plan["order"])
    if order is not None:
        order_life(api, plan, order)


def order_life(api: Api, plan: dict[str, Any], order: dict[str, Any]) -> None:
    path = f"/orders/{order['order_id']}"
    api.send("POST", f"{path}/lines", plan["line"])
    api.send("PATCH", f"{path}/lines/{plan['sku']}", plan["new_quantity"])
    api.send("POST", f"{path}/holds", plan["hold"])
    api.send("POST", f"{path}/holds/FRAUD/release")
    api.send("PUT", f"{path}/address", plan["address"])
    api.send("POST", f"{path}/payments", plan["payment"])
    latest = api.send("POST", f"{path}/holds", {"type": "CUSTOMER", "reason": "check"}) or order
    api.send("POST", f"{path}/holds/CUSTOMER/release")
    for shipment in latest["shipments"]:
        fulfil(api, plan, f"{path}/shipments/{shipment['shipment_id']}")
    give_back(api, plan, order["order_id"])
    api.send("POST", f"{path}/cancel", plan["cancel"])


def fulfil(api: Api, plan: dict[str, Any], path: str) -> None:
    api.send("POST", f"{path}/pick")
    api.send("POST", f"{path}/pack")
    if api.send("POST", f"{path}/ship", plan["label"]) is None:
        api.send("POST", f"{path}/ship", {"carrier": "DHL"})
    api.send("POST", f"{path}/deliver")


def give_back(api: Api, plan: dict[str, Any], order_id: str) -> None:
    line = plan["return_line"]
    body = {"order_id": order_id, "lines": [line], "method": "MAIL"}
    authorised = api.send("POST", "/returns", body)
    if authorised is None:
        return
    path = f"/returns/{authorised['return_id']}"
    api.send("POST", f"{path}/receive", {"node_code": plan["code"]})
    inspected = {
        "sku": line["sku"],
        "quantity": line["quantity"],
        "disposition": plan["disposition"],
    }
    api.send("POST", f"{path}/inspect", {"lines": [inspected]})
    api.send("POST", f"{path}/refund", plan["refund"])
