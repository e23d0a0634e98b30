"""Write side: orders placed per second through the OMS, beside raw psycopg inserts.

The baseline is the cheapest durable write PostgreSQL offers a client here: one row
inserted and committed per transaction. An order placement writes several events on
several aggregates (order, stock records) in one transaction, after loading them.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from itertools import count

import psycopg
from psycopg.types.json import Jsonb

from application.commands import PlaceOrder, ReceiveStock, RegisterNode
from application.oms import OMS
from interfaces.bench.long_log import ADDRESS
from interfaces.bench.report import Figure, percentile

NODES = {"DC-EAST": (40.73, -74.17), "DC-WEST": (34.06, -117.65), "DC-MID": (41.88, -87.63)}
SKUS = [f"SKU-{n:03d}" for n in range(50)]


def raw_inserts(database_url: str, n: int) -> tuple[float, list[float]]:
    """Rows/s and latencies (ms) for one INSERT + COMMIT per row."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(
            "CREATE TABLE IF NOT EXISTS bench_raw (id bigserial PRIMARY KEY, "
            "payload jsonb NOT NULL)"
        )
        latencies = []
        start = time.perf_counter()
        for i in range(n):
            t = time.perf_counter()
            conn.execute("INSERT INTO bench_raw (payload) VALUES (%s)", (Jsonb({"n": i}),))
            latencies.append((time.perf_counter() - t) * 1000)
        return n / (time.perf_counter() - start), latencies


def prepare(oms: OMS) -> None:
    for code, (lat, lon) in NODES.items():
        oms.register_node(
            RegisterNode(code=code, name=code, type="DC", lat=lat, lon=lon, capabilities=["SHIP"])
        )
        for sku in SKUS:
            oms.receive_stock(code, ReceiveStock(sku=sku, quantity=1_000_000))


def order(i: int) -> PlaceOrder:
    """The i-th bench order: two lines on two of the SKUs (one when they coincide)."""
    first, second = SKUS[i % len(SKUS)], SKUS[(i * 7 + 3) % len(SKUS)]
    lines = [{"sku": first, "quantity": 1, "unit_price": "9.99"}]
    if second != first:
        lines.append({"sku": second, "quantity": 2, "unit_price": "4.50"})
    return PlaceOrder(
        channel="WEB",
        customer={"id": f"C{i}", "name": "Bench", "email": "b@example.com"},
        delivery={"method": "SHIP", "address": ADDRESS},
        lines=lines,
    )


def place_orders(oms: OMS, n: int, threads: int) -> tuple[float, list[float], float]:
    """Orders/s, latencies (ms) and this process's CPU per order (ms, all its threads)
    placing n two-line orders from `threads` threads."""
    numbers = count()

    def place(_: int) -> float:
        i = next(numbers)
        t = time.perf_counter()
        oms.place_order(order(i))
        return (time.perf_counter() - t) * 1000

    start, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor(threads) as pool:
        latencies = list(pool.map(place, range(n)))
    cpu_ms = (time.process_time() - cpu) * 1000 / n
    return n / (time.perf_counter() - start), latencies, cpu_ms


def run(oms: OMS, database_url: str, n: int = 1000) -> list[Figure]:
    prepare(oms)
    place_orders(oms, 50, 1)  # warm the caches and the index
    raw_rate, raw_lat = raw_inserts(database_url, n)
    figures = []
    for threads in (1, 8):
        rate, lat, cpu_ms = place_orders(oms, n, threads)
        target = ">= 0.4x raw INSERT (stretch 1.0x)" if threads == 8 else ""
        figures += [
            Figure("writes", f"place order, {threads} thread(s)", rate, "ops/s", raw_rate, target),
            # The process's CPU (every thread) per order: what a busy machine changes least.
            Figure("writes", f"place order CPU, {threads} thread(s)", cpu_ms, "ms/order"),
            Figure(
                "writes",
                f"place order p99, {threads} thread(s)",
                percentile(lat, 99),
                "ms",
                percentile(raw_lat, 99),
            ),
        ]
    return figures
