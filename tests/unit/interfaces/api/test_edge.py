"""The edge in one pass: caller, refusals, headers, metrics (a small app, no database)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi import APIRouter, FastAPI
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient

from application.settings import Settings
from interfaces.api.auth import AGENT, CurrentRole
from interfaces.api.edge import install_edge
from interfaces.api.errors import install
from interfaces.api.metrics import Metrics

AGENT_KEY = "k-agent-0123456789"
STORE_KEY = "k-store-0123456789"
KEYS = f"{AGENT_KEY}:agent,{STORE_KEY}:store"


def edge_app(settings: Settings, metrics: Metrics | None = None) -> FastAPI:
    app = FastAPI()
    install(app)
    install_edge(app, settings, metrics or Metrics())
    router = APIRouter(dependencies=[AGENT])

    @router.post("/orders")
    async def place(body: dict[str, int]) -> dict[str, int]:
        return body

    @app.get("/mine")
    async def mine() -> JSONResponse:
        headers = {"X-Request-ID": "the-apps-own", "Content-Security-Policy": "default-src 'self'"}
        return JSONResponse({}, headers=headers)

    @app.get("/role")
    async def role(role: CurrentRole) -> dict[str, str]:
        return {"role": role.value}

    app.include_router(router)
    return app


@pytest.fixture
def keyed() -> Iterator[TestClient]:
    with TestClient(edge_app(Settings(api_keys=KEYS)), base_url="http://127.0.0.1") as client:
        yield client


def test_the_edge_replaces_an_answers_request_id_and_keeps_its_own_security_headers() -> None:
    with TestClient(edge_app(Settings(api_keys="")), base_url="http://127.0.0.1") as client:
        response = client.get("/mine", headers={"X-Request-ID": "req-1"})

    assert response.headers.get_list("x-request-id") == ["req-1"]
    assert response.headers["content-security-policy"] == "default-src 'self'"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"


def test_the_role_the_edge_found_decides_what_a_caller_may_do(keyed: TestClient) -> None:
    allowed = keyed.post("/orders", json={"a": 1}, headers={"X-API-Key": AGENT_KEY})
    refused = keyed.post("/orders", json={"a": 1}, headers={"X-API-Key": STORE_KEY})
    bearer = keyed.get("/role", headers={"Authorization": f"Bearer {STORE_KEY}"})
    anonymous = keyed.get("/role")

    assert (allowed.status_code, allowed.json()) == (200, {"a": 1})
    assert refused.status_code == 403
    assert "'store' may not do this" in refused.json()["detail"]
    assert bearer.json() == {"role": "store"}
    assert anonymous.status_code == 401
    assert anonymous.headers["www-authenticate"].startswith("Bearer")


def test_development_mode_callers_are_admins_on_loopback_only() -> None:
    app = edge_app(Settings(api_keys=""))
    with TestClient(app, base_url="http://127.0.0.1") as local:
        assert local.get("/role").json() == {"role": "admin"}
    with TestClient(app, base_url="http://rebound.example") as elsewhere:
        refused = elsewhere.get("/role")
    assert refused.status_code == 421
    assert refused.headers["x-content-type-options"] == "nosniff"
    assert refused.headers["x-request-id"]


def test_a_role_check_without_the_edge_refuses_rather_than_guessing() -> None:
    app = FastAPI()
    install(app)

    @app.get("/role")
    async def role(role: CurrentRole) -> dict[str, str]:
        return {"role": role.value}

    assert TestClient(app).get("/role", headers={"X-API-Key": AGENT_KEY}).status_code == 401


def test_bodies_over_the_cap_are_refused_declared_or_streamed() -> None:
    settings = Settings(api_keys="", max_body_bytes=100)
    with TestClient(edge_app(settings), base_url="http://127.0.0.1") as client:
        declared = client.post("/orders", content=b"{" + b" " * 200 + b"}")
        streamed = client.post(
            "/orders",
            content=iter([b'{"a":', b" " * 200, b"1}"]),
            headers={"Content-Type": "application/json"},
        )
        within = client.post("/orders", json={"a": 1})

    assert declared.status_code == 413
    assert declared.headers["connection"] == "close"
    assert streamed.status_code == 413
    assert within.status_code == 200


def test_every_answer_is_counted_under_its_route_and_status() -> None:
    metrics = Metrics()
    with TestClient(edge_app(Settings(api_keys=KEYS), metrics), base_url="http://127.0.0.1") as c:
        c.post("/orders", json={"a": 1}, headers={"X-API-Key": AGENT_KEY})
        c.post("/orders", json={"a": 1}, headers={"X-API-Key": AGENT_KEY})
        c.post("/orders", json={"a": 1}, headers={"X-API-Key": "k-nobody-0123456789"})

    def count(status: str) -> float | None:
        labels = {"method": "POST", "route": "/orders", "status": status}
        return metrics.registry.get_sample_value("oms_http_requests_total", labels)

    assert (count("200"), count("401")) == (2.0, None)
    unmatched = {"method": "POST", "route": "unmatched", "status": "401"}
    assert metrics.registry.get_sample_value("oms_http_requests_total", unmatched) == 1.0
