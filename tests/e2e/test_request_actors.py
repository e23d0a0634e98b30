"""Each request's id and caller reach the events it stores, its response and its log line."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import httpx
import pytest

from application.actor import actor_of
from domain.values import node_stock_id
from tests.e2e.conftest import Server, e2e_settings, serve
from tests.e2e.helpers import node_body, ok, order_body, unique

KEYS = "k-admin-0123456789:admin,k-agent-0123456789:agent:alice"


@pytest.fixture(scope="module")
def secured(module_database_url: str) -> Iterator[Server]:
    settings = e2e_settings(module_database_url, api_keys=KEYS, log_level="INFO")
    with serve(settings) as running:
        yield running


@pytest.fixture(scope="module")
def http(secured: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=secured.url, timeout=20) as client:
        yield client


@pytest.fixture(scope="module")
def node(http: httpx.Client) -> str:
    code = unique("DC")
    ok(http.post("/nodes", json=node_body(code), headers={"X-API-Key": "k-admin-0123456789"}), 201)
    ok(
        http.post(
            f"/nodes/{code}/receipts",
            json={"sku": "SKU-R", "quantity": 10},
            headers={"X-API-Key": "k-admin-0123456789"},
        )
    )
    return code


def test_the_callers_request_id_is_echoed_and_stored_with_the_keys_name_and_role(
    secured: Server, http: httpx.Client, node: str
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    response = http.post(
        "/orders",
        json=order_body({"SKU-R": 1}),
        headers={"X-API-Key": "k-agent-0123456789", "X-Request-ID": request_id},
    )

    body = ok(response, 201)
    assert response.headers["x-request-id"] == request_id
    actors = [actor_of(e) for e in secured.oms.events.get(uuid.UUID(body["order_id"]))]
    assert actors == [
        {"role": "agent", "key_name": "alice", "request_id": request_id, "command": "place_order"}
    ] * len(actors)


def test_a_key_without_a_name_is_recorded_under_its_role_and_a_fingerprint(
    secured: Server, http: httpx.Client, node: str
) -> None:
    response = http.post(
        f"/nodes/{node}/receipts",
        json={"sku": "SKU-R", "quantity": 1},
        headers={"X-API-Key": "k-admin-0123456789"},
    )

    ok(response)
    actor = actor_of(list(secured.oms.events.get(node_stock_id(node, "SKU-R")))[-1])
    assert actor is not None
    assert actor["role"] == "admin"
    assert actor["key_name"].startswith("admin-")
    assert "k-admin-0123456789" not in actor["key_name"]
    assert actor["request_id"] == response.headers["x-request-id"]


@pytest.mark.parametrize("given", [None, "", "x" * 129, "has space", "bad\u00e9"])
def test_a_missing_or_unusable_request_id_is_replaced_by_a_fresh_one(
    http: httpx.Client, given: str | None
) -> None:
    headers = {"X-Request-ID": given} if given is not None else {}
    try:
        response = http.get("/health", headers=headers)
    except UnicodeEncodeError:  # httpx refuses to send it at all
        return

    echoed = response.headers["x-request-id"]
    assert echoed != given
    assert len(echoed) == 32


def test_two_requests_never_share_an_id(http: httpx.Client) -> None:
    ids = {http.get("/health").headers["x-request-id"] for _ in range(5)}
    assert len(ids) == 5


def test_the_requests_log_line_carries_its_id(
    http: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"

    http.get("/health", headers={"X-Request-ID": request_id})

    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if "{" in line]
    requests = [line for line in lines if line.get("event") == "request"]
    assert any(line.get("request_id") == request_id for line in requests), lines


def test_a_commands_log_line_names_its_request_actor_route_and_status(
    http: httpx.Client, node: str, capsys: pytest.CaptureFixture[str]
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    capsys.readouterr()

    response = http.post(
        "/orders",
        json=order_body({"SKU-R": 1}),
        headers={"X-API-Key": "k-agent-0123456789", "X-Request-ID": request_id},
    )

    ok(response, 201)
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if "{" in line]
    mine = [line for line in lines if line.get("request_id") == request_id]
    assert [line["event"] for line in mine] == ["request"], lines
    (line,) = mine
    assert (line["actor"], line["route"], line["method"], line["status"]) == (
        "alice",
        "/orders",
        "POST",
        201,
    )
    assert line["level"] == "info"
    assert line["ms"] >= 0


def test_a_refused_requests_log_line_carries_its_status_and_the_answer_stays_a_problem(
    http: httpx.Client, capsys: pytest.CaptureFixture[str]
) -> None:
    request_id = f"req-{uuid.uuid4().hex}"
    capsys.readouterr()

    response = http.post(
        "/orders",
        json={"channel": "WEB"},
        headers={"X-API-Key": "k-agent-0123456789", "X-Request-ID": request_id},
    )

    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    lines = [json.loads(line) for line in capsys.readouterr().err.splitlines() if "{" in line]
    (line,) = [line for line in lines if line.get("request_id") == request_id]
    assert (line["actor"], line["status"]) == ("alice", 422)
