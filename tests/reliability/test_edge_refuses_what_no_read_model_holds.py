"""The REST edge refuses what no read model can hold, and accepts what they can.

Reproductions of issue 9, defect 1: before the bounds, each accepted request below stopped
a read model for good (NUL in text, an order total beyond numeric(12, 2), a daily capacity
or a stock level beyond integer).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from typing import Any

import httpx
import psycopg
import pytest

from domain.limits import MAX_AMOUNT, MAX_QUANTITY
from domain.node_stock import NodeStock
from tests.e2e.conftest import Server, e2e_settings, serve
from tests.e2e.helpers import node_body, ok, order_body, problem, register, unique


@pytest.fixture(scope="module")
def server(module_database_url: str) -> Iterator[Server]:
    with serve(e2e_settings(module_database_url, projections_in_process=True)) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=20) as http:
        yield http


def send(client: httpx.Client, path: str, body: Any) -> httpx.Response:
    """POST `body` escaped by the json module, so lone surrogates reach the server too."""
    content, headers = json.dumps(body), {"content-type": "application/json"}
    return client.post(path, content=content, headers=headers)


def at_head(server: Server) -> None:
    """Every read model reaches the head of the log without an error."""
    runner = server.app.state.projections
    assert runner.wait_until(server.oms.head(), timeout=20), runner.errors
    assert runner.errors == {}


def with_path(body: dict[str, Any], path: tuple[str, ...], value: Any) -> dict[str, Any]:
    if len(path) == 1:
        return {**body, path[0]: value}
    return {**body, path[0]: with_path(body[path[0]], path[1:], value)}


ORDER_TEXT = [
    ("customer", "name"),
    ("customer", "email"),
    ("external_ref",),
    ("delivery", "address", "line1"),
    ("delivery", "address", "city"),
    ("delivery", "address", "postal_code"),
]
REFUSED = ["A\x00B", "\x1b[31m", "\x7f", "\x85", "\ud800"]


@pytest.mark.parametrize("field", ORDER_TEXT, ids=".".join)
@pytest.mark.parametrize("text", REFUSED, ids=ascii)
def test_an_order_with_a_control_character_in_any_text_is_422_naming_the_field(
    client: httpx.Client, server: Server, field: tuple[str, ...], text: str
) -> None:
    body = with_path(order_body({"ANY": 1}, external_ref=unique("REF")), field, "a@" + text)

    found = problem(send(client, "/orders", body), 422)

    assert [e["loc"] for e in found["errors"]] == [["body", *field]]


def test_a_node_name_a_receipt_reference_and_a_return_reason_with_nul_are_422(
    client: httpx.Client,
) -> None:
    code = unique("DC")
    node = problem(send(client, "/nodes", node_body(code, name="N\x00")), 422)
    register(client, code)
    receipt = {"sku": "S", "quantity": 1, "reference": "\x00"}
    received = problem(send(client, f"/nodes/{code}/receipts", receipt), 422)
    line = {"sku": "S", "quantity": 1, "reason": "broken\x00"}
    returned = problem(
        send(
            client, "/returns", {"order_id": str(uuid.uuid4()), "lines": [line], "method": "MAIL"}
        ),
        422,
    )

    assert [e["loc"] for e in node["errors"]] == [["body", "name"]]
    assert [e["loc"] for e in received["errors"]] == [["body", "reference"]]
    assert [e["loc"] for e in returned["errors"]] == [["body", "lines", 0, "reason"]]


@pytest.mark.parametrize(
    ("field", "value"),
    [("daily_capacity", 2_147_483_648), ("daily_capacity", 1_000_001), ("priority", 1001)],
)
def test_node_settings_beyond_their_bounds_are_422(
    client: httpx.Client, field: str, value: int
) -> None:
    found = problem(send(client, "/nodes", node_body(unique("DC"), **{field: value})), 422)

    assert [e["loc"] for e in found["errors"]] == [["body", field]]


def test_a_downtime_at_the_end_of_year_9999_is_422(client: httpx.Client) -> None:
    code = unique("DC")
    register(client, code)
    window = {
        "starts_at": "9999-12-31T20:00:00-14:00",
        "ends_at": "9999-12-31T23:00:00-14:00",
        "reason": "far",
    }

    found = problem(send(client, f"/nodes/{code}/downtimes", window), 422)

    assert {e["loc"][-1] for e in found["errors"]} == {"starts_at", "ends_at"}


def test_the_largest_order_the_edge_accepts_is_projected_with_its_total(
    client: httpx.Client, server: Server
) -> None:
    lines = {unique("SKU"): MAX_QUANTITY for _ in range(3)}
    code = unique("DC")
    register(client, code)
    for sku in lines:  # known, sold out: every unit is backordered
        ok(client.put(f"/nodes/{code}/safety-stock/{sku}", json={"quantity": 0}))
    body = order_body(lines)
    for line in body["lines"]:
        line["unit_price"] = str(MAX_AMOUNT)

    response = send(client, "/orders", body)
    assert response.status_code == 201, response.text
    at_head(server)
    query = f'{{ order(id: "{response.json()["order_id"]}") {{ total lines {{ quantity }} }} }}'
    read = client.post("/graphql", json={"query": query}).json()

    assert read["data"]["order"]["total"] == "30000000000000.00"
    assert [line["quantity"] for line in read["data"]["order"]["lines"]] == [MAX_QUANTITY] * 3


def test_stock_beyond_two_to_the_31_at_one_node_is_projected(
    client: httpx.Client, server: Server, module_database_url: str
) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    stock = NodeStock.open(code, sku)
    receipts = 2**31 // MAX_QUANTITY + 1
    for n in range(receipts):
        stock.receive(MAX_QUANTITY, f"receipt {n}")
        if n % 100 == 99:  # saved a hundred at a time, like busy receiving would
            server.oms.save(stock)
    server.oms.save(stock)

    at_head(server)
    with psycopg.connect(module_database_url) as conn:
        by_node = conn.execute(
            "SELECT on_hand FROM stock.stock_by_node WHERE node_code = %s AND sku = %s",
            (code, sku),
        ).fetchone()
        by_sku = conn.execute(
            "SELECT on_hand FROM stock.stock_by_sku WHERE sku = %s", (sku,)
        ).fetchone()

    assert by_node == by_sku == (receipts * MAX_QUANTITY,)
