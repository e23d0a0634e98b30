"""Rebuilding: from zero into a shadow schema, swapped in whole; equal to what live built."""

from __future__ import annotations

import threading
import time
from decimal import Decimal
from uuid import UUID, uuid4

import psycopg
import pytest
from psycopg_pool import ConnectionPool

from application.oms import OMS
from domain.node_stock import NodeStock
from domain.order import Order
from domain.order_values import Address, CustomerDetails, Delivery, LineItem
from domain.stock_levels import StockLevels
from domain.values import Channel, DeliveryMethod, node_stock_id
from projections import (
    ProjectionRunner,
    RebuildInProgress,
    RebuildProgress,
    all_projections,
    projection_named,
    rebuild,
)
from projections.stock_batch import LEVELS
from tests.integration.projections.conftest import EventStore, Tables, snapshot
from tests.integration.projections.history import ADDRESS, record_history
from tests.integration.projections.workload import Workload
from tests.unit.domain.builders import levels


@pytest.mark.parametrize("seed", [1])
def test_tables_rebuilt_from_zero_equal_the_tables_built_live(
    oms: OMS, pool: ConnectionPool, tables: Tables, seed: int
) -> None:
    runner = ProjectionRunner(pool, oms.recorder, oms.mapper, batch_size=50, poll_interval=0.01)
    runner.start()
    workload = Workload(oms, seed)
    try:
        workload.setup()
        workload.run(300)
        assert runner.wait_until(oms.recorder.max_notification_id(), timeout=20)
    finally:
        runner.stop()
    assert runner.errors == {}
    live = snapshot(pool)
    kinds = {row[4] for row in live["order_tracking.order_timeline"]}
    assert kinds >= {"Placed", "Allocated", "Cancelled", "ShipmentStepped", "ReturnRecorded"}
    assert live["returns.returns"]

    for projection in all_projections():
        rebuild(pool, oms.recorder, oms.mapper, projection)

    assert snapshot(pool) == live
    for row in tables.rows("stock.stock_by_node"):
        stock = oms.repository.get(row["stock_id"])
        assert isinstance(stock, NodeStock)
        assert (row["node_code"], row["sku"]) == (stock.node_code, stock.sku)
        assert StockLevels(**{k: row[k] for k in LEVELS}) == levels(stock)
        assert row["available"] == stock.available
        assert row["version"] == stock.version
    for row in tables.rows("stock.nodes"):
        node = oms.node(row["code"])
        assert (row["active"], row["version"]) == (node.active, node.version)
        downtimes = tables.rows("stock.node_downtimes", "node_code = %s", row["code"])
        assert {d["downtime_id"] for d in downtimes} == {UUID(str(d)) for d in node.downtimes}


def test_readers_see_the_old_tables_until_the_new_ones_are_swapped_in(
    store: EventStore, pool: ConnectionPool, tables: Tables
) -> None:
    record_history(store, orders=20)
    ProjectionRunner(pool, store.recorder, store.mapper).catch_up()
    before = tables.rows("order_tracking.orders")
    seen_during: list[int] = []

    def read_live(progress: RebuildProgress) -> None:
        seen_during.append(len(tables.rows("order_tracking.orders")))

    projection = projection_named("order_tracking")
    rebuild(pool, store.recorder, store.mapper, projection, batch_size=10, on_progress=read_live)

    assert len(seen_during) > 3
    assert set(seen_during) == {len(before)}
    assert tables.rows("order_tracking.orders") == before
    schemas = tables.rows("information_schema.schemata", "schema_name LIKE %s", "%rebuild")
    assert schemas == []


def test_a_rebuild_reports_progress_and_events_per_second(
    store: EventStore, pool: ConnectionPool
) -> None:
    record_history(store, orders=10)
    reports: list[RebuildProgress] = []
    final = rebuild(
        pool,
        store.recorder,
        store.mapper,
        projection_named("stock"),
        batch_size=20,
        on_progress=reports.append,
    )
    assert [r.position for r in reports] == sorted(r.position for r in reports)
    assert final.position == final.head == store.recorder.max_notification_id()
    assert final.events == len(
        [
            n
            for n in store.recorder.select_notifications(0, 10_000)
            if n.topic.startswith(("oms:NodeStock", "oms:InventoryNode"))
        ]
    )
    assert final.events_per_second > 0


def test_only_one_rebuild_of_a_projection_runs_at_a_time(
    store: EventStore, pool: ConnectionPool
) -> None:
    record_history(store, orders=5)
    projection = projection_named("returns")
    refused: list[Exception] = []

    def rebuild_again(progress: RebuildProgress) -> None:
        with pytest.raises(RebuildInProgress) as error:
            rebuild(pool, store.recorder, store.mapper, projection)
        refused.append(error.value)

    rebuild(pool, store.recorder, store.mapper, projection, on_progress=rebuild_again)
    assert refused


def test_a_rebuild_while_live_workers_run_loses_and_repeats_nothing(
    store: EventStore, pool: ConnectionPool
) -> None:
    runner = ProjectionRunner(pool, store.recorder, store.mapper, batch_size=5, poll_interval=0.01)
    runner.start()
    try:
        record_history(store, seed=3, orders=15)

        def write_more(progress: RebuildProgress) -> None:
            if progress.events < 40:
                stock = store.repository.get(node_stock_id("DC-1", "A"))
                stock.receive(1, f"PO-{progress.events}")
                order = Order.place(
                    uuid4(),
                    Channel.WEB,
                    CustomerDetails("C", "", ""),
                    Delivery(DeliveryMethod.SHIP, Address.from_dict(ADDRESS)),
                    [LineItem("A", 1, Decimal("1.00"))],
                )
                store.record(stock, order)

        for projection in all_projections():
            rebuild(
                pool,
                store.recorder,
                store.mapper,
                projection,
                batch_size=10,
                on_progress=write_more,
            )
        assert runner.wait_until(store.recorder.max_notification_id(), timeout=10)
    finally:
        runner.stop()
    during = snapshot(pool)
    for projection in all_projections():
        rebuild(pool, store.recorder, store.mapper, projection)
    assert snapshot(pool) == during


def test_a_swap_blocked_by_a_long_reader_retries_until_the_reader_is_done(
    store: EventStore, pool: ConnectionPool, database_url: str
) -> None:
    record_history(store, orders=5)
    ProjectionRunner(pool, store.recorder, store.mapper).catch_up()
    with psycopg.connect(database_url) as reader:
        reader.execute("SELECT count(*) FROM returns.returns")  # holds its lock until commit
        threading.Timer(0.5, reader.commit).start()
        started = time.monotonic()
        projection = projection_named("returns")
        final = rebuild(pool, store.recorder, store.mapper, projection, swap_lock_timeout=0.1)
    assert time.monotonic() - started >= 0.5
    assert final.position == store.recorder.max_notification_id()
