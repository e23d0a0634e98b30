"""The auditors' GraphQL reads of the event store: orderHistory and stockAsOf latency.

Served by the real API (its own process, as `oms serve` runs it) and asked by one client
at a time. The baselines are the live reads of the same order and SKU from the read models
(`order(id)`, `stock(sku)`), timed the same way in the same run.
"""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from uuid import UUID

import httpx

from application.commands import PlaceHold, PlaceOrder, ReceiveStock, RegisterNode
from application.oms import OMS
from domain.node_stock import NodeStock
from domain.values import HoldType
from interfaces.bench.report import Figure, percentile

SECTION = "audit"
HISTORY = "query($id: ID!) { orderHistory(id: $id) { position type at actor { requestId } data } }"
ORDER = "query($id: ID!) { order(id: $id) { id status version lines { sku quantity } } }"
STOCK_FIELDS = "onHand reserved available byNode { nodeCode onHand reserved available }"
STOCK = f"query($sku: String!) {{ stock(sku: $sku) {{ {STOCK_FIELDS} }} }}"
STOCK_AS_OF = (
    f"query($sku: String!, $at: DateTime!) {{ stockAsOf(sku: $sku, at: $at) {{ {STOCK_FIELDS} }} }}"
)
NODES = ("AUD-1", "AUD-2", "AUD-3", "AUD-4")
SKU = "AUDIT-SKU"


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    samples = max(50, int(300 * scale))
    order_id = _order_with_events(oms, 50)
    first, last = _sku_with_movements(oms, max(1000, int(10_000 * scale)))
    instants = [first + (last - first) * random.random() for _ in range(samples)]
    with api_server(database_url) as client:
        _wait_projected(client, order_id)
        history = _latencies(client, [(HISTORY, {"id": order_id})] * samples)
        order = _latencies(client, [(ORDER, {"id": order_id})] * samples)
        as_of = _latencies(
            client, [(STOCK_AS_OF, {"sku": SKU, "at": at.isoformat()}) for at in instants]
        )
        stock = _latencies(client, [(STOCK, {"sku": SKU})] * samples)
    movements = f"{max(1000, int(10_000 * scale)):,} movements over {len(NODES)} nodes"
    return [
        Figure(
            SECTION,
            "orderHistory (50 events) p50",
            percentile(history, 50),
            "ms",
            percentile(order, 50),
        ),
        Figure(
            SECTION,
            "orderHistory (50 events) p99",
            percentile(history, 99),
            "ms",
            percentile(order, 99),
            "<= 20 ms",
        ),
        Figure(
            SECTION,
            f"stockAsOf ({movements}) p50",
            percentile(as_of, 50),
            "ms",
            percentile(stock, 50),
        ),
        Figure(
            SECTION,
            f"stockAsOf ({movements}) p99",
            percentile(as_of, 99),
            "ms",
            percentile(stock, 99),
            "<= 50 ms",
        ),
    ]


def _order_with_events(oms: OMS, events: int) -> str:
    """An order placed and allocated (2 events), then held and released until `events`."""
    oms.register_node(
        RegisterNode(
            code="AUD-O", name="AUD-O", type="DC", lat=40.0, lon=-74.0, capabilities=["SHIP"]
        )
    )
    oms.receive_stock("AUD-O", ReceiveStock(sku="AUDIT-ORDER", quantity=10))
    placed = oms.place_order(
        PlaceOrder(
            channel="WEB",
            customer={"id": "C-AUDIT", "name": "Audit", "email": "audit@example.com"},
            delivery={
                "method": "SHIP",
                "address": {
                    "line1": "1 Main St",
                    "city": "Newark",
                    "postal_code": "07102",
                    "country": "US",
                    "lat": 40.73,
                    "lon": -74.17,
                },
            },
            lines=[{"sku": "AUDIT-ORDER", "quantity": 1, "unit_price": "5.00"}],
        )
    )
    order_id = UUID(placed["order_id"])
    for _ in range((events - 2) // 2):
        oms.place_hold(order_id, PlaceHold(type="CUSTOMER", reason="bench"))
        oms.release_hold(order_id, HoldType.CUSTOMER)
    return str(order_id)


def _sku_with_movements(oms: OMS, movements: int) -> tuple[datetime, datetime]:
    """`movements` receipts of one SKU spread over the nodes; the first and last times."""
    per_node = movements // len(NODES)
    for n, code in enumerate(NODES):
        oms.register_node(
            RegisterNode(
                code=code, name=code, type="DC", lat=41.0 + n, lon=-75.0, capabilities=["SHIP"]
            )
        )
    stocks = [NodeStock.open(code, SKU) for code in NODES]
    first = datetime.now().astimezone()
    for done in range(0, per_node, 250):
        for stock in stocks:  # ~250 events per save (larger inserts can hang, see long_log)
            for _ in range(min(250, per_node - done)):
                stock.receive(1, "bench")
            oms.save(stock)  # snapshots are taken as the commands' saves take them
    return first, datetime.now().astimezone() + timedelta(seconds=1)


@contextmanager
def api_server(database_url: str) -> Iterator[httpx.Client]:
    """`oms serve` on a free loopback port in its own process, in development mode."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": database_url, "OMS_LOG_LEVEL": "WARNING"}
    env.pop("OMS_API_KEYS", None)
    command = [sys.executable, "-c", "from interfaces.cli import app; app()", "serve"]
    command += ["--port", str(port)]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=30) as client:
            _wait_ready(client, process)
            yield client
    finally:
        process.terminate()
        process.wait(timeout=30)


def _wait_ready(client: httpx.Client, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while True:
        try:
            if client.get("/health").status_code == 200:
                return
        except httpx.TransportError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise RuntimeError("the API server did not start")
        time.sleep(0.1)


def _wait_projected(client: httpx.Client, order_id: str) -> None:
    """Until the server's projections show the order (they catch up on start)."""
    deadline = time.monotonic() + 120
    while not _data(client, ORDER, {"id": order_id}):
        if time.monotonic() > deadline:
            raise RuntimeError("the server's projections did not catch up")
        time.sleep(0.2)


def _latencies(client: httpx.Client, requests: list[tuple[str, dict[str, str]]]) -> list[float]:
    for query, variables in requests[:5]:  # warm up
        _ask(client, query, variables)
    times = []
    for query, variables in requests:
        started = time.perf_counter()
        _ask(client, query, variables)
        times.append((time.perf_counter() - started) * 1000)
    return times


def _ask(client: httpx.Client, query: str, variables: dict[str, str]) -> None:
    if not _data(client, query, variables):
        raise RuntimeError(f"the bench query found nothing: {query[:60]}")


def _data(client: httpx.Client, query: str, variables: dict[str, str]) -> bool:
    """True if the query answered with a non-null value; raises on errors."""
    response = client.post("/graphql", json={"query": query, "variables": variables})
    body = json.loads(response.content)
    if response.status_code != 200 or body.get("errors"):
        raise RuntimeError(f"the bench query failed: {response.text[:300]}")
    return any(body["data"].values())
