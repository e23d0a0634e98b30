"""Operations endpoints: health, readiness, metrics, docs and the web console."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator

import httpx
import pytest

from interfaces.database import create_database, drop_database
from tests.e2e.conftest import Server, e2e_settings, serve
from tests.e2e.helpers import receive, register, unique


@pytest.fixture(scope="module")
def server(module_database_url: str) -> Iterator[Server]:
    """This module's server keeps the read models current in process, as `oms serve` does."""
    with serve(e2e_settings(module_database_url, projections_in_process=True)) as running:
        yield running


def test_health_answers_while_the_process_is_up(client: httpx.Client) -> None:
    assert client.get("/health").json() == {"status": "ok"}


def test_ready_reports_the_head_of_the_event_log(client: httpx.Client) -> None:
    code = unique("DC")
    position = register(client, code)["position"]

    body = client.get("/ready").json()

    assert body["status"] == "ready"
    assert body["head"] == position


def test_ready_lists_each_projection_and_its_position(client: httpx.Client, server: Server) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    position = receive(client, code, sku, 1)["position"]
    runner = server.app.state.projections

    assert runner.wait_until(position, timeout=10)
    projections = client.get("/ready").json()["projections"]

    assert projections
    assert all(p["position"] >= position and p["error"] is None for p in projections)


def test_ready_is_503_when_the_database_is_gone(postgres_server_url: str) -> None:
    name = f"gone_{uuid.uuid4().hex[:12]}"
    url = create_database(postgres_server_url, name)
    with serve(e2e_settings(url)) as running, httpx.Client(base_url=running.url) as http:
        assert http.get("/ready").status_code == 200
        drop_database(postgres_server_url, name)

        response = http.get("/ready")
        metrics = http.get("/metrics")

    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["status"] == 503
    assert "oms_event_log_head_position NaN" in metrics.text


def test_metrics_count_requests_by_route_template_and_status(client: httpx.Client) -> None:
    code = unique("DC")
    register(client, code)
    client.post(f"/nodes/{code}/receipts", json={"sku": "X", "quantity": -1})
    head = client.get("/ready").json()["head"]

    text = client.get("/metrics").text

    assert 'oms_http_requests_total{method="POST",route="/nodes",status="201"}' in text
    assert (
        'oms_http_requests_total{method="POST",route="/nodes/{code}/receipts",status="422"}' in text
    )
    assert "oms_http_request_duration_seconds_bucket" in text
    gauge = re.search(r"^oms_event_log_head_position (\S+)$", text, re.MULTILINE)
    assert gauge is not None
    assert float(gauge.group(1)) >= head


def test_unknown_paths_share_one_metrics_label(client: httpx.Client) -> None:
    client.get(f"/{uuid.uuid4()}")

    text = client.get("/metrics").text

    assert 'route="unmatched",status="404"' in text


def test_the_web_console_links_the_docs_and_graphql(client: httpx.Client) -> None:
    response = client.get("/")

    assert response.headers["content-type"].startswith("text/html")
    assert 'href="/docs"' in response.text
    assert 'href="/graphql"' in response.text


def test_the_openapi_document_describes_the_commands_and_their_problems(
    client: httpx.Client,
) -> None:
    spec = client.get("/openapi.json").json()

    assert {
        "/nodes",
        "/orders",
        "/returns",
        "/orders/{order_id}/shipments/{shipment_id}/ship",
        "/nodes/{code}/transfers/{transfer_id}/receive",
    } <= spec["paths"].keys()
    place = spec["paths"]["/orders"]["post"]
    assert {"201", "404", "409", "422"} <= place["responses"].keys()
    assert "Problem" in spec["components"]["schemas"]
    assert client.get("/docs").status_code == 200
