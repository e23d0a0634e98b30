"""Read side: catch-up speed over a long log, and live lag under a steady command load.

Catch-up: a log of at least `events` events (nodes, stock, and orders taken from placement
to delivery) is written straight from the aggregates, many per transaction, then the
projections are built from zero. Live lag: while commands run at a steady rate, each
event's lag is the time from its timestamp (set when the command decided it) to the commit
of the projection batch that applied it.
"""

from __future__ import annotations

import time
from uuid import UUID

from application.commands import PlaceOrder, ReceiveStock, RegisterNode, ShipShipment
from application.oms import OMS
from interfaces.bench.long_log import ADDRESS, STEPS, build_log
from interfaces.bench.report import Figure, percentile
from interfaces.database import connection_pool
from projections import ProjectionRunner
from projections.batch import BatchResult


def catch_up(oms: OMS, database_url: str, events: int) -> tuple[int, float]:
    """Events applied and seconds taken to build every projection from zero."""
    build_log(oms, events)
    pool = connection_pool(database_url, max_size=4)
    try:
        runner = ProjectionRunner(pool, oms.recorder, oms.mapper, batch_size=5000)
        runner.setup()
        started = time.perf_counter()
        applied = runner.catch_up()
        return applied, time.perf_counter() - started
    finally:
        pool.close()


def live_lag(oms: OMS, database_url: str, seconds: float, rate: float) -> list[float]:
    """Lag (ms) of every event decided while `rate` commands/s run for `seconds`."""
    _prepare(oms)
    lags: list[float] = []
    start_at = time.time()

    def record(name: str, result: BatchResult, committed_at: float) -> None:
        for envelope in result.envelopes:
            decided = envelope.event.timestamp.timestamp()
            if decided >= start_at:
                lags.append((committed_at - decided) * 1000)

    pool = connection_pool(database_url, max_size=5)
    runner = ProjectionRunner(pool, oms.recorder, oms.mapper, on_batch=record)
    runner.catch_up()
    runner.start()
    try:
        start_at = time.time()
        _steady_commands(oms, seconds, rate)
        runner.wait_until(oms.recorder.max_notification_id() or 0, timeout=10)
    finally:
        runner.stop()
        pool.close()
    return lags


def _prepare(oms: OMS) -> None:
    for code in ("DC-EAST", "DC-WEST"):
        oms.register_node(
            RegisterNode(
                code=code, name=code, type="DC", lat=40.0, lon=-100.0, capabilities=["SHIP"]
            )
        )
        for n in range(20):
            oms.receive_stock(code, ReceiveStock(sku=f"SKU-{n}", quantity=1_000_000))


def _steady_commands(oms: OMS, seconds: float, rate: float) -> None:
    """Place orders and walk them through fulfilment, one command every 1/rate s."""
    interval, deadline, n = 1.0 / rate, time.monotonic() + seconds, 0
    pending: list[tuple[UUID, UUID, int]] = []  # order id, shipment id, next step
    while time.monotonic() < deadline:
        due = time.monotonic() + interval
        if pending and n % 2:
            oid, sid, step = pending.pop(0)
            cmd = ShipShipment(carrier="UPS") if STEPS[step] == "ship" else None
            oms.step_shipment(oid, sid, STEPS[step], cmd)
            if step + 1 < len(STEPS):
                pending.append((oid, sid, step + 1))
        else:
            answer = oms.place_order(
                PlaceOrder(
                    channel="WEB",
                    customer={"id": f"C{n}", "name": "Bench", "email": "b@x.io"},
                    delivery={"method": "SHIP", "address": ADDRESS},
                    lines=[{"sku": f"SKU-{n % 20}", "quantity": 1, "unit_price": "9.99"}],
                )
            )
            for shipment in answer["shipments"]:
                pending.append((UUID(answer["order_id"]), UUID(shipment["shipment_id"]), 0))
        n += 1
        time.sleep(max(0.0, due - time.monotonic()))


def catch_up_figures(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    """Catch-up speed over a log of 200,000 events (times `scale`, at least 1,000)."""
    applied, took = catch_up(oms, database_url, max(1000, int(200_000 * scale)))
    return [
        Figure(
            "projections",
            f"catch-up over {applied:,} events",
            applied / took,
            "events/s",
            target=">= 10,000",
        ),
    ]


def live_lag_figures(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    """Live lag while 100 commands/s run for 10 s (times `scale`, at least 3 s)."""
    lags = live_lag(oms, database_url, seconds=max(3.0, 10 * scale), rate=100)
    return [
        Figure("projections", "live lag p50", percentile(lags, 50), "ms"),
        Figure("projections", "live lag p99", percentile(lags, 99), "ms", target="<= 100"),
    ]


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    """Both sections on one database (the lag is then measured beside a long log)."""
    return catch_up_figures(oms, database_url, scale) + live_lag_figures(oms, database_url, scale)
