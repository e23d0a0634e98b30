"""A read model that cannot apply an event says so: `/ready` is 503 and names it (details
for callers with a key only), `oms projections status` shows the error, a metric counts it.
"""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator

import httpx
import psycopg
import pytest
from typer.testing import CliRunner

from interfaces.auth import Role
from interfaces.cli import app as cli
from tests.e2e.conftest import Server, e2e_settings, serve
from tests.e2e.helpers import unique
from tests.reliability.poison import save_unprojectable_order

ADMIN_KEY = "reliability-admin-key-0001"
KEY = {"X-API-Key": ADMIN_KEY}


@pytest.fixture(scope="module")
def server(module_database_url: str) -> Iterator[Server]:
    """A server with API keys whose order_tracking read model has met an event it cannot hold."""
    settings = e2e_settings(
        module_database_url, projections_in_process=True, api_keys={ADMIN_KEY: Role.ADMIN}
    )
    with serve(settings) as running:
        save_unprojectable_order(running.oms)
        wait_for_stored_error(module_database_url, "order_tracking")
        yield running


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=20) as http:
        yield http


def wait_for_stored_error(database_url: str, schema: str) -> None:
    deadline = time.monotonic() + 20
    with psycopg.connect(database_url, autocommit=True) as conn:
        while time.monotonic() < deadline:
            if schema_exists(conn, schema):
                row = conn.execute(f"SELECT error FROM {schema}.tracking").fetchone()
                if row and row[0]:
                    return
            time.sleep(0.05)
    raise AssertionError(f"{schema} recorded no error")


def schema_exists(conn: psycopg.Connection, schema: str) -> bool:
    row = conn.execute("SELECT to_regclass(%s)", (f"{schema}.tracking",)).fetchone()
    return bool(row and row[0])


def test_ready_is_503_naming_the_failing_read_model_and_its_error(client: httpx.Client) -> None:
    response = client.get("/ready", headers=KEY)

    body = response.json()
    assert response.status_code == 503
    assert response.headers["content-type"].startswith("application/problem+json")
    assert body["detail"] == "read model order_tracking is failing"
    failing = {p["name"]: p for p in body["projections"]}["order_tracking"]
    assert "NUL" in failing["error"]
    assert failing["failed_at"]
    assert body["head"] > failing["position"]


def test_ready_without_a_key_shows_only_that_the_service_is_not_ready(
    client: httpx.Client,
) -> None:
    response = client.get("/ready")

    assert response.status_code == 503
    assert response.json() == {
        "type": "https://oms.example/problems/unavailable",
        "title": "Service Unavailable",
        "status": 503,
        "detail": "not ready",
    }


def test_a_metric_counts_the_failed_attempts(client: httpx.Client) -> None:
    text = client.get("/metrics").text

    found = re.search(
        r'^oms_projection_failures_total\{projection="order_tracking"\} (\S+)$', text, re.MULTILINE
    )
    assert found is not None, text
    assert float(found.group(1)) >= 1
    assert 'oms_projection_failures_total{projection="stock"}' not in text


def test_projections_status_shows_the_error_as_a_table_and_as_json(
    server: Server, module_database_url: str
) -> None:
    env = {"DATABASE_URL": module_database_url}

    table = CliRunner().invoke(cli, ["projections", "status"], env=env)
    as_json = CliRunner().invoke(cli, ["projections", "status", "--json"], env=env)

    assert table.exit_code == as_json.exit_code == 0, table.output
    assert "DataError" in table.output
    # The server's own log lines (other threads of this process) may share the output.
    listing, _ = json.JSONDecoder().raw_decode(as_json.output, as_json.output.index("[\n"))
    rows = {row["name"]: row for row in listing}
    assert "NUL" in rows["order_tracking"]["error"]
    assert rows["order_tracking"]["failed_at"]
    assert rows["order_tracking"]["lag"] > 0
    assert rows["stock"]["error"] is None


def test_the_other_read_models_keep_up(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    node = {"code": code, "name": "n", "type": "DC", "lat": 0, "lon": 0, "capabilities": ["SHIP"]}
    assert client.post("/nodes", json=node, headers=KEY).status_code == 201
    receipt = client.post(f"/nodes/{code}/receipts", json={"sku": sku, "quantity": 1}, headers=KEY)
    position = receipt.json()["position"]

    deadline = time.monotonic() + 10
    while True:
        found = {p["name"]: p for p in client.get("/ready", headers=KEY).json()["projections"]}
        if found["stock"]["position"] >= position or time.monotonic() > deadline:
            break
        time.sleep(0.05)

    assert found["stock"]["position"] >= position
    assert found["stock"]["error"] is None
    assert found["returns"]["error"] is None
    assert found["order_tracking"]["error"]
