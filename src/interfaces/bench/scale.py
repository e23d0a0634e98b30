"""Does a command slow down as history grows? Two figures, each beside a small-history twin.

- Place-order p99 with a long log (1,000,000 events at scale 1, written by `bulk_log`)
  against the same with 10,000 events in a twin database, same process, taken in turns.
- A reservation (a one-line order) on a `NodeStock` with 100,000 past events (reserved and
  shipped, saved through the application, so with its snapshots) against one on a fresh
  `NodeStock`, taken in turns.
"""

from __future__ import annotations

import time
from uuid import UUID

from psycopg.conninfo import conninfo_to_dict

from application.commands import PlaceOrder, ReceiveStock, RegisterNode
from application.oms import OMS
from domain.node_stock import NodeStock
from domain.values import node_stock_id
from interfaces.bench.bulk_log import BulkLog
from interfaces.bench.long_log import ADDRESS
from interfaces.bench.report import Figure, percentile
from interfaces.bench.writes import order, place_orders, prepare
from interfaces.database import database_url_with_name, temporary_database

SECTION = "scale"
SMALL_LOG = 10_000
BIG_LOG = 1_000_000
PAST_EVENTS = 100_000
EVENTS_PER_SAVE = 200  # small enough for the library's pipelined insert


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    samples = max(100, int(500 * scale))
    return long_log(oms, database_url, samples, int(BIG_LOG * scale)) + busy_stock(
        oms, samples, int(PAST_EVENTS * scale)
    )


def long_log(oms: OMS, database_url: str, samples: int, big: int) -> list[Figure]:
    """`oms` gets the long log; a twin on a database of its own the short one."""
    server = database_url_with_name(database_url, "postgres")
    with temporary_database(server, "oms_bench_short") as short_url:
        env = {**oms.env, "POSTGRES_DBNAME": str(conninfo_to_dict(short_url)["dbname"])}
        twin = OMS(env)
        try:
            BulkLog(twin).grow(SMALL_LOG)
            BulkLog(oms).grow(big)
            for app in (oms, twin):
                prepare(app)
                place_orders(app, 50, 1)  # warm caches and the log follower
            large: list[float] = []
            small: list[float] = []
            for i in range(samples):  # in turns: a slow spell of the machine hits both
                large.append(_timed(oms, order(i)))
                small.append(_timed(twin, order(i)))
        finally:
            twin.close()
    head = oms.head()
    return [
        Figure(
            SECTION,
            f"place order p99 at {head:,} events",
            percentile(large, 99),
            "ms",
            percentile(small, 99),
            "<= 1.5x (baseline: at 10,000 events)",
        ),
        Figure(
            SECTION,
            f"place order p50 at {head:,} events",
            percentile(large, 50),
            "ms",
            percentile(small, 50),
        ),
    ]


def busy_stock(oms: OMS, samples: int, past: int) -> list[Figure]:
    for code, sku, lon in (("DC-BUSY", "BUSY", -100.0), ("DC-FRESH", "FRESH", -101.0)):
        oms.register_node(
            RegisterNode(code=code, name=code, type="DC", lat=40.0, lon=lon, capabilities=["SHIP"])
        )
        oms.receive_stock(code, ReceiveStock(sku=sku, quantity=1_000_000))
    history(oms, node_stock_id("DC-BUSY", "BUSY"), past)
    busy: list[float] = []
    fresh: list[float] = []
    for i in range(samples):
        busy.append(_timed(oms, _one_line(i, "BUSY")))
        fresh.append(_timed(oms, _one_line(i, "FRESH")))
    version: int = oms.repository.get(node_stock_id("DC-BUSY", "BUSY")).version
    return [
        Figure(
            SECTION,
            f"reserve p99 on a stock of {version:,} events",
            percentile(busy, 99),
            "ms",
            percentile(fresh, 99),
            "<= 1.5x (baseline: a fresh stock)",
        ),
        Figure(
            SECTION,
            f"reserve p50 on a stock of {version:,} events",
            percentile(busy, 50),
            "ms",
            percentile(fresh, 50),
        ),
    ]


def history(oms: OMS, stock_id: UUID, events: int) -> None:
    """`events` past events on one stock: units reserved for a shipment, then shipped."""
    written = 0
    while written < events:
        stock: NodeStock = oms.repository.get(stock_id)
        for _ in range(EVENTS_PER_SAVE // 2):
            reference = f"past-{written}"
            stock.reserve(reference, 1)
            stock.ship(reference, 1)
            written += 2
        oms.save(stock)


def _one_line(i: int, sku: str) -> PlaceOrder:
    """A one-line order for `sku` (one node holds it, so it reserves there)."""
    return PlaceOrder(
        channel="WEB",
        customer={"id": f"S{i}", "name": "Bench", "email": "b@example.com"},
        delivery={"method": "SHIP", "address": ADDRESS},
        lines=[{"sku": sku, "quantity": 1, "unit_price": "9.99"}],
    )


def _timed(oms: OMS, command: PlaceOrder) -> float:
    """Milliseconds to place `command`."""
    started = time.perf_counter()
    oms.place_order(command)
    return (time.perf_counter() - started) * 1000
