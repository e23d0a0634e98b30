"""Command routes resolved without FastAPI's generic solver, and fixed-path ones answered
from the edge (`command_shortcuts`), answer exactly as FastAPI does.

The app is `create_app` as served, without its lifespan (no database): its OMS records
each command it is handed and answers it at once (or refuses it). Every request below is
sent to that app with its command routes resolved lean and to one where FastAPI resolves
them, and both must answer the same status, headers and body, and hand the OMS the same
command.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from uuid import uuid4

import fastapi.routing
import pytest
from fastapi.testclient import TestClient

from application.settings import Settings
from domain.errors import NotAllowed
from interfaces.api import command_route
from interfaces.api.app import create_app
from interfaces.bench.writes import order

AGENT_KEY = "k-agent-0123456789"
STORE_KEY = "k-store-0123456789"
ORDER_ID = str(uuid4())
ANSWER = {
    "order_id": ORDER_ID,
    "status": "ALLOCATED",
    "position": 7,
    "shipments": [],
    "backorders": [],
    "paid": "1.00",
    "owed": "0.00",
}


class RecordingOMS:
    """Answers every command at once (or refuses an order whose channel is `REFUSED`),
    and keeps what it was handed."""

    def __init__(self) -> None:
        self.handed: list[tuple[str, tuple[Any, ...], dict[str, Any]]] = []

    def __getattr__(self, name: str) -> Callable[..., None]:
        def command(*args: Any, **kwargs: Any) -> None:
            raise AssertionError("commands are submitted, not run")

        command.__name__ = name
        return command

    async def submit(self, method: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        self.handed.append((method.__name__, args, kwargs))
        if any(getattr(a, "external_ref", None) == "refuse-me" for a in args):
            raise NotAllowed("refused by a business rule")
        return dict(ANSWER)


def app_client(api_keys: str) -> TestClient:
    app = create_app(Settings(api_keys=api_keys, log_level="WARNING", max_body_bytes=4096))
    app.state.oms = RecordingOMS()
    return TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False)


def placement(**changes: Any) -> dict[str, Any]:
    return {**order(1).model_dump(mode="json"), **changes}


JSON = {"Content-Type": "application/json"}
AS_AGENT = {**JSON, "X-API-Key": AGENT_KEY}
PATH = f"/orders/{ORDER_ID}"


@dataclass(frozen=True)
class Chunked:
    """A body sent without a length (chunked), counted by the edge as it arrives."""

    body: bytes

    def chunks(self) -> Iterator[bytes]:
        yield self.body[:10]
        yield self.body[10:]


# (method, path, headers, body): valid commands and every way one can be refused. The first
# placement leaves `POST /orders` to the edge's shortcut; the placements after it take it.
REQUESTS: list[tuple[str, str, dict[str, str], Any]] = [
    ("POST", "/orders", AS_AGENT, placement()),
    ("POST", "/orders", AS_AGENT, placement()),
    ("POST", "/orders", AS_AGENT, Chunked(json.dumps(placement()).encode())),
    ("POST", "/orders", AS_AGENT, Chunked(b"[" + b"1," * 3000 + b"1]")),
    ("POST", "/orders", AS_AGENT, b"[" + b"1," * 3000 + b"1]"),
    ("POST", "/orders", {**AS_AGENT, "Idempotency-Key": "key-1"}, placement()),
    ("POST", "/orders", {**AS_AGENT, "Idempotency-Key": ""}, placement()),
    ("POST", "/orders", {**AS_AGENT, "Idempotency-Key": "k" * 201}, placement()),
    ("POST", "/orders", AS_AGENT, placement(lines=[])),
    ("POST", "/orders", AS_AGENT, placement(channel="NOPE", extra_field=1)),
    ("POST", "/orders", AS_AGENT, placement(external_ref="refuse-me")),
    ("POST", "/orders", AS_AGENT, b'{"channel": "WEB", '),
    ("POST", "/orders", AS_AGENT, b"[" * 100_000),
    ("POST", "/orders", AS_AGENT, b"\xff\xfe"),
    ("POST", "/orders", AS_AGENT, b""),
    ("POST", "/orders", AS_AGENT, []),
    ("POST", "/orders", {"X-API-Key": AGENT_KEY, "Content-Type": "text/plain"}, placement()),
    ("POST", "/orders", {"X-API-Key": AGENT_KEY}, placement()),
    ("POST", "/orders", {**JSON, "X-API-Key": STORE_KEY}, placement()),
    ("POST", "/orders", JSON, placement()),
    ("POST", "/orders", {**JSON, "X-API-Key": STORE_KEY}, b"not json"),
    ("POST", "/orders", {**AS_AGENT, "Content-Type": "application/merge+json"}, placement()),
    ("POST", f"{PATH}/cancel", {**AS_AGENT, "Idempotency-Key": "c-1"}, {"reason": "asked"}),
    ("POST", "/orders/not-a-uuid/cancel", AS_AGENT, {"reason": "asked"}),
    ("POST", f"{PATH}/holds/FRAUD/release", AS_AGENT, None),
    ("POST", f"{PATH}/holds/NO_SUCH_HOLD/release", AS_AGENT, None),
    ("PATCH", f"{PATH}/lines/SKU-001", AS_AGENT, {"quantity": 3}),
    ("PATCH", f"{PATH}/lines/{'x' * 300}", AS_AGENT, {"quantity": 3}),
    ("POST", f"{PATH}/payments", AS_AGENT, {"amount": "1.00", "reference": "p-1"}),
    ("POST", f"{PATH}/close", {"X-API-Key": AGENT_KEY}, None),
    ("GET", "/orders", AS_AGENT, None),
]


@pytest.fixture
def lean_off(monkeypatch: pytest.MonkeyPatch) -> Callable[[], None]:
    def off() -> None:
        monkeypatch.setattr(command_route.LeanCommand, "of", classmethod(lambda cls, r: None))

    return off


def answers(client: TestClient) -> Iterator[tuple[Any, ...]]:
    for number, (method, path, headers, body) in enumerate(REQUESTS):
        sent = {**headers, "X-Request-ID": f"req-{number}"}
        if isinstance(body, Chunked):
            response = client.request(method, path, headers=sent, content=body.chunks())
        elif isinstance(body, bytes) or body is None:
            response = client.request(method, path, headers=sent, content=body)
        else:
            response = client.request(method, path, headers=sent, json=body)
        yield method, path, response.status_code, sorted(response.headers.items()), response.text


@pytest.mark.parametrize("api_keys", ["", f"{AGENT_KEY}:agent,{STORE_KEY}:store"])
def test_every_command_answers_as_fastapis_own_resolution_does(
    api_keys: str, lean_off: Callable[[], None]
) -> None:
    lean = app_client(api_keys)
    lean_answers = list(answers(lean))
    lean_off()
    plain = app_client(api_keys)
    plain_answers = list(answers(plain))

    for got, expected in zip(lean_answers, plain_answers, strict=True):
        assert got == expected
    assert lean.app.state.oms.handed == plain.app.state.oms.handed  # type: ignore[attr-defined]
    statuses = {status for _, _, status, _, _ in lean_answers}
    refused_callers = {401, 403} if api_keys else set()
    assert statuses == {200, 201, 404, 405, 409, 413, 422} | refused_callers


def test_a_valid_placement_skips_fastapis_generic_solver_and_an_invalid_one_uses_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    solved: list[object] = []
    generic = fastapi.routing.solve_dependencies

    async def counted(**kwargs: Any) -> Any:
        solved.append(kwargs["request"].url.path)
        return await generic(**kwargs)

    monkeypatch.setattr(fastapi.routing, "solve_dependencies", counted)
    client = app_client("")

    placed = client.post("/orders", json=placement(), headers={"Idempotency-Key": "k-1"})
    assert placed.status_code == 201
    assert placed.json()["order_id"] == ORDER_ID
    assert solved == []

    refused = client.post("/orders", json=placement(lines="none"))
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert solved == ["/orders"]


def test_placements_after_the_first_go_from_the_edge_to_the_route_without_routing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    routed: list[str] = []
    router_call = fastapi.routing.APIRouter.__call__

    async def counted(self: Any, scope: Any, receive: Any, send: Any) -> None:
        routed.append(f"{scope['method']} {scope['path']}")
        await router_call(self, scope, receive, send)

    monkeypatch.setattr(fastapi.routing.APIRouter, "__call__", counted)
    client = app_client("")

    for number in range(3):
        placed = client.post("/orders", json=placement(), headers={"Idempotency-Key": f"k{number}"})
        assert placed.status_code == 201
    refused = client.post("/orders", json=placement(external_ref="refuse-me"))
    invalid = client.post("/orders", json=placement(lines="none"))

    assert refused.status_code == 409
    assert refused.json()["detail"] == "refused by a business rule"
    assert invalid.status_code == 422
    assert routed == ["POST /orders", "POST /orders"]  # the first, and the invalid one
    metrics = client.get("/metrics").text
    assert 'oms_http_requests_total{method="POST",route="/orders",status="201"} 3.0' in metrics
    assert 'oms_http_requests_total{method="POST",route="/orders",status="409"} 1.0' in metrics
