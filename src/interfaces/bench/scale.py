"""Does a command slow down as history grows? Two figures, each beside a small-history twin.

- Place-order p99 with a long log (1,000,000 events at scale 1, written by `bulk_log`)
  against the same with 10,000 events, same database, same process, measured in turns.
- A reservation (a one-line order) on a `NodeStock` with 100,000 past events (reserved and
  shipped, saved through the application, so with its snapshots) against one on a fresh
  `NodeStock`, taken in turns.
"""

from __future__ import annotations

import time
from uuid import UUID

from application.commands import PlaceOrder, ReceiveStock, RegisterNode
from application.oms import OMS
from domain.inventory_node import NodeStock
from domain.values import node_stock_id
from interfaces.bench.bulk_log import BulkLog
from interfaces.bench.long_log import ADDRESS
from interfaces.bench.report import Figure, percentile
from interfaces.bench.writes import place_orders, prepare

SECTION = "scale"
SMALL_LOG = 10_000
BIG_LOG = 1_000_000
PAST_EVENTS = 100_000
EVENTS_PER_SAVE = 200  # small enough for the library's pipelined insert


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    samples = max(100, int(500 * scale))
    return long_log(oms, samples, int(BIG_LOG * scale)) + busy_stock(
        oms, samples, int(PAST_EVENTS * scale)
    )


def long_log(oms: OMS, samples: int, big: int) -> list[Figure]:
    log = BulkLog(oms)
    log.grow(SMALL_LOG)
    prepare(oms)
    place_orders(oms, 50, 1)  # warm caches and the follower
    _, small = place_orders(oms, samples, 1)
    log.grow(big - oms.head())
    place_orders(oms, 50, 1)  # the follower reads past the new events once
    _, large = place_orders(oms, samples, 1)
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
        busy.append(_reserve(oms, "BUSY", i))
        fresh.append(_reserve(oms, "FRESH", i))
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


def _reserve(oms: OMS, sku: str, i: int) -> float:
    """Milliseconds to place a one-line order for `sku` (one node holds it)."""
    started = time.perf_counter()
    oms.place_order(
        PlaceOrder(
            channel="WEB",
            customer={"id": f"S{i}", "name": "Bench", "email": "b@example.com"},
            delivery={"method": "SHIP", "address": ADDRESS},
            lines=[{"sku": sku, "quantity": 1, "unit_price": "9.99"}],
        )
    )
    return (time.perf_counter() - started) * 1000
