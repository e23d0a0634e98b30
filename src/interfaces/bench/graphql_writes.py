"""GraphQL `order(id)` while orders are placed at 500/s, beside the plain endpoint under
the same writes.

The read server is the GraphQL section's (`/graphql` beside a plain JSON endpoint reading
the same row). Meanwhile this process places orders at a steady pace (8 threads sharing
one schedule of 500 orders/s, or what the machine manages) and keeps the read models
current with a projection runner, so the reads compete with writes and projection
batches for the database and the cores. The rate reached is reported beside its target.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count

from application.oms import OMS
from interfaces.bench.graphql import BY_ID, bench_server, graphql_request, measure, seed
from interfaces.bench.http_load import Request
from interfaces.bench.report import Figure
from interfaces.bench.writes import order, prepare
from interfaces.database import connection_pool
from projections import ProjectionRunner

SECTION = "graphql-under-writes"
RATE = 500.0  # orders per second asked for
WRITERS = 8


@contextmanager
def paced_writes(oms: OMS, rate: float) -> Iterator[list[float]]:
    """Place orders at `rate`/s until the block ends; yields [orders/s reached] after it."""
    reached: list[float] = []
    numbers = count()
    lock = threading.Lock()
    stop = threading.Event()
    started = time.perf_counter()
    slot = [started]

    def write() -> None:
        while not stop.is_set():
            with lock:
                slot[0] = max(slot[0] + 1 / rate, time.perf_counter() - 1.0)
                due = slot[0]
            stop.wait(max(0.0, due - time.perf_counter()))
            if not stop.is_set():
                oms.place_order(order(next(numbers)))

    threads = [threading.Thread(target=write, daemon=True) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    try:
        yield reached
    finally:
        stop.set()
        for thread in threads:
            thread.join()
        placed = next(numbers)
        reached.append(placed / (time.perf_counter() - started))


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    order_id = seed(oms, database_url, max(100, int(1000 * scale)))
    prepare(oms)
    pool = connection_pool(database_url, max_size=8)
    runner = ProjectionRunner(pool, oms.recorder, oms.mapper)
    runner.start()
    try:
        with bench_server(database_url) as base, paced_writes(oms, RATE) as reached:
            loads = measure(
                base,
                {
                    "plain by id": Request("GET", f"/plain/orders/{order_id}"),
                    "by id": graphql_request(BY_ID, {"id": order_id}),
                },
                max(2.0, 5 * scale),
            )
    finally:
        runner.stop()
        pool.close()
    plain, by_id = loads["plain by id"], loads["by id"]
    return [
        Figure(
            SECTION,
            "order(id) req/s while orders are placed",
            by_id.rps,
            "req/s",
            plain.rps,
            ">= 0.5x plain",
        ),
        Figure(SECTION, "order(id) p99 while orders are placed", by_id.p(99), "ms", plain.p(99)),
        Figure(SECTION, "orders placed meanwhile", reached[0], "orders/s", RATE, "500/s"),
    ]
