"""GraphQL read side: order(id) and orders(first: 100) at 8 concurrent clients.

Beside them, in the same run and against the same server process, a plain FastAPI JSON
endpoint reading the same order row (and the same page of rows) with psycopg. Targets:
order(id) at least half the plain endpoint's requests/s with p99 <= 25 ms; a page of
100 orders with their lines and shipments at p99 <= 100 ms.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx

from application.oms import OMS
from interfaces.bench.graphql_app import URL_VARIABLE
from interfaces.bench.http_load import Load, Request, run_load
from interfaces.bench.long_log import build_log
from interfaces.bench.report import Figure
from interfaces.database import connection_pool
from projections import ProjectionRunner

CLIENTS = 8
ROUNDS = 5
SECTION = "graphql"
BY_ID = """query($id: ID!) { order(id: $id) { id externalRef channel status total paidAmount
  placedAt updatedAt customer { id name email } } }"""
# A list view: the same columns as the plain page endpoint returns.
PAGE = """{ orders(first: 100) { edges { cursor node { id externalRef channel status total
  paidAmount placedAt updatedAt customer { id name email } } } pageInfo { hasNextPage } } }"""
# The same page with each order's lines and shipments (three more queries, ~1,800 fields).
NESTED_PAGE = """{ orders(first: 100) { edges { cursor node { id status total placedAt
  lines { sku quantity unitPrice } shipments { id status nodeCode trackingNumber } } }
  pageInfo { hasNextPage } } }"""


def seed(oms: OMS, database_url: str, orders: int) -> str:
    """At least `orders` delivered orders, projected; returns the id of the newest."""
    build_log(oms, events=4_100 + 10 * orders)
    pool = connection_pool(database_url, max_size=6)  # a worker per read model
    try:
        ProjectionRunner(pool, oms.recorder, oms.mapper, batch_size=5000).catch_up()
        with pool.connection() as conn:
            row = conn.execute(
                "SELECT order_id FROM order_tracking.orders ORDER BY placed_at DESC LIMIT 1"
            ).fetchone()
    finally:
        pool.close()
    assert row is not None, "no order was projected"
    return str(row[0])


@contextmanager
def bench_server(database_url: str, workers: int = 1) -> Iterator[str]:
    """uvicorn serving `graphql_app.bench_app` in its own process; yields its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [
        sys.executable,
        "-m",
        "uvicorn",
        "--factory",
        "interfaces.bench.graphql_app:bench_app",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--no-access-log",
        "--workers",
        str(workers),
    ]
    process = subprocess.Popen(command, env={**os.environ, URL_VARIABLE: database_url})
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(f"{base}/plain/health").status_code == 200:
                    break
            except httpx.TransportError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("the bench server did not start") from None
                time.sleep(0.1)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=15)


def graphql_request(query: str, variables: dict[str, str] | None = None) -> Request:
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    return Request("POST", "/graphql", body, (("Content-Type", "application/json"),))


def measure(base: str, requests: dict[str, Request], seconds: float) -> dict[str, Load]:
    """Warm each request up, then load each for `seconds` in all, in ROUNDS turns.

    The requests take turns, so a slow spell of this shared machine falls on each of them
    alike rather than on whichever ran at the time; ratios to the baseline stay fair.
    """
    for request in requests.values():
        run_load(base, request, clients=CLIENTS, seconds=min(1.0, seconds / ROUNDS))
    turns: dict[str, list[Load]] = {name: [] for name in requests}
    for _ in range(ROUNDS):
        for name, request in requests.items():
            turns[name].append(run_load(base, request, clients=CLIENTS, seconds=seconds / ROUNDS))
    loads = {name: Load.merged(parts) for name, parts in turns.items()}
    for name, load in loads.items():
        if load.failures:
            raise RuntimeError(f"{name}: {load.failures} of {load.requests} requests failed")
    return loads


def run(
    oms: OMS, database_url: str, orders: int = 1000, seconds: float = 5.0, workers: int = 1
) -> list[Figure]:
    """The figures; `workers` uvicorn processes serve both the plain and GraphQL endpoints."""
    order_id = seed(oms, database_url, orders)
    with bench_server(database_url, workers) as base:
        loads = measure(
            base,
            {
                "plain by id": Request("GET", f"/plain/orders/{order_id}"),
                "by id": graphql_request(BY_ID, {"id": order_id}),
                "plain page": Request("GET", "/plain/orders?limit=100"),
                "page": graphql_request(PAGE),
                "nested page": graphql_request(NESTED_PAGE),
            },
            seconds,
        )
    plain, by_id, plain_page = loads["plain by id"], loads["by id"], loads["plain page"]
    page, nested = loads["page"], loads["nested page"]
    return [
        Figure(
            SECTION, "order(id) req/s, 8 clients", by_id.rps, "req/s", plain.rps, ">= 0.5x plain"
        ),
        Figure(SECTION, "order(id) p50", by_id.p(50), "ms", plain.p(50)),
        Figure(SECTION, "order(id) p99", by_id.p(99), "ms", plain.p(99), "<= 25 ms"),
        Figure(SECTION, "orders(first:100) req/s", page.rps, "req/s", plain_page.rps),
        Figure(SECTION, "orders(first:100) p50", page.p(50), "ms", plain_page.p(50)),
        Figure(SECTION, "orders(first:100) p99", page.p(99), "ms", plain_page.p(99), "<= 100 ms"),
        Figure(SECTION, "orders(first:100)+lines+shipments req/s", nested.rps, "req/s"),
        Figure(SECTION, "orders(first:100)+lines+shipments p50", nested.p(50), "ms"),
        Figure(SECTION, "orders(first:100)+lines+shipments p99", nested.p(99), "ms"),
    ]
