"""The runner: schemas on start-up, live tailing, read-your-writes waits, status, clean stop."""

from __future__ import annotations

import itertools
import logging
import threading
import time
from collections.abc import Sequence
from typing import Any

import psycopg
import pytest
from psycopg import Cursor
from psycopg_pool import ConnectionPool

from application.personal_data import PersonalMapper
from domain.order import Order
from projections import Envelope, Projection, ProjectionRunner
from projections.announce import CHANNEL
from projections.batch import BatchResult
from projections.returns import ReturnsProjection
from projections.stock import StockProjection
from tests.application.counting_mapper import CountingMapper
from tests.integration.projections.conftest import EventStore, Tables, snapshot
from tests.integration.projections.history import record_history
from tests.integration.projections.test_stock import a_node, stocked

NAMES = ("stock", "order_tracking", "returns", "receivables")


def test_setting_up_creates_each_schema_once_at_position_zero(
    runner: ProjectionRunner, tables: Tables
) -> None:
    runner.setup()
    runner.setup()
    assert [(s.name, s.position, s.head) for s in runner.status()] == [
        ("stock", 0, 0),
        ("order_tracking", 0, 0),
        ("returns", 0, 0),
        ("receivables", 0, 0),
    ]
    assert tables.rows("stock.stock_by_node") == []


def test_a_read_model_built_from_older_tables_is_rebuilt_from_the_log_at_set_up(
    store: EventStore, runner: ProjectionRunner, pool: ConnectionPool
) -> None:
    record_history(store, orders=3)
    runner.catch_up()
    current = snapshot(pool, "order_tracking")
    with pool.connection() as conn:  # as an earlier release left it: no status column
        conn.execute("ALTER TABLE order_tracking.order_timeline DROP COLUMN status")
        conn.execute("COMMENT ON SCHEMA order_tracking IS 'oms read model, DDL 0123456789abcdef'")
    runner.setup()
    assert snapshot(pool, "order_tracking") == current
    head = store.recorder.max_notification_id()
    assert {(s.name, s.position) for s in runner.status()} >= {("order_tracking", head)}


def test_a_read_model_whose_tables_are_current_is_left_as_it_is_at_set_up(
    store: EventStore, runner: ProjectionRunner, pool: ConnectionPool
) -> None:
    record_history(store, orders=1)
    runner.catch_up()
    with pool.connection() as conn:
        conn.execute("CREATE TABLE order_tracking.left_alone (n int)")
    runner.setup()
    assert "order_tracking.left_alone" in snapshot(pool, "order_tracking")


def test_a_batch_that_moves_a_read_model_tells_readers_where_it_stands(
    store: EventStore, runner: ProjectionRunner, database_url: str
) -> None:
    runner.setup()
    with psycopg.connect(database_url, autocommit=True) as listening:
        listening.execute(f"LISTEN {CHANNEL}")
        store.record(a_node("DC-AMS"))
        runner.run_once()
        runner.run_once()  # nothing new: nothing to tell
        payloads = [n.payload for n in listening.notifies(timeout=0.5)]
    head = store.recorder.max_notification_id()
    assert sorted(payloads) == sorted(f"{name}:{head}" for name in NAMES)


def test_status_shows_the_lag_until_the_projections_catch_up(
    store: EventStore, runner: ProjectionRunner
) -> None:
    record_history(store, orders=5)
    head = store.recorder.max_notification_id()
    assert {s.lag for s in runner.status()} == {head}
    runner.catch_up()
    assert {(s.position, s.lag) for s in runner.status()} == {(head, 0)}


def test_a_started_runner_applies_new_events_within_moments(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    runner.start()
    store.record(a_node("DC-AMS"))
    assert runner.wait_until(store.recorder.max_notification_id(), timeout=5)
    started = time.monotonic()
    store.record(stocked("DC-AMS", "TEE", 4))
    assert runner.wait_until(store.recorder.max_notification_id(), timeout=5)
    assert time.monotonic() - started < 0.2  # woken by NOTIFY, not by the poll
    assert tables.one("stock.stock_by_sku")["available"] == 4


def test_under_steady_writes_live_batches_begin_a_gap_apart_and_carry_several_writes(
    store: EventStore, pool: ConnectionPool
) -> None:
    ended: list[float] = []  # when each batch that applied events ended

    def note(name: str, result: BatchResult, at: float) -> None:
        if result.envelopes:
            ended.append(time.monotonic())

    runner = ProjectionRunner(
        pool, store.recorder, store.mapper, [StockProjection()], gap=0.3, on_batch=note
    )
    runner.start()
    try:
        store.record(a_node("DC-AMS"))
        assert runner.wait_until(store.recorder.max_notification_id(), timeout=5)
        ended.clear()
        writing = time.monotonic()
        for n in range(60):  # about one write per 10 ms for 0.6 s
            store.record(stocked("DC-AMS", f"SKU-{n}", 1))
            time.sleep(0.01)
        wrote = time.monotonic() - writing
        assert runner.wait_until(store.recorder.max_notification_id(), timeout=5)
    finally:
        runner.stop()
    # Batch ends, not beginnings: a batch's own duration (tens of ms) blurs the gap.
    assert all(b - a >= 0.2 for a, b in itertools.pairwise(ended)), ended
    assert len(ended) <= wrote / 0.3 + 2  # not one batch per write


def test_a_write_after_a_quiet_spell_is_applied_without_waiting_out_the_gap(
    store: EventStore, pool: ConnectionPool, tables: Tables
) -> None:
    runner = ProjectionRunner(pool, store.recorder, store.mapper, [StockProjection()], gap=2.0)
    runner.start()
    try:
        store.record(a_node("DC-AMS"))
        assert runner.wait_until(store.recorder.max_notification_id(), timeout=5)
        time.sleep(2.1)  # quiet for longer than the gap
        started = time.monotonic()
        store.record(stocked("DC-AMS", "TEE", 4))
        assert runner.wait_until(store.recorder.max_notification_id(), timeout=5)
        assert time.monotonic() - started < 1.0
    finally:
        runner.stop()
    assert tables.one("stock.stock_by_sku")["available"] == 4


def test_waiting_for_a_position_not_yet_applied_times_out(
    store: EventStore, runner: ProjectionRunner
) -> None:
    store.record(a_node("DC-AMS"))
    started = time.monotonic()
    assert runner.wait_until(1, timeout=0.1) is False
    assert 0.1 <= time.monotonic() - started < 1
    runner.catch_up()
    assert runner.wait_until(1, timeout=0.1) is True


def test_stopping_ends_every_thread_it_started(runner: ProjectionRunner) -> None:
    before = set(threading.enumerate())
    runner.start()
    assert len(set(threading.enumerate()) - before) == 5  # four workers and the listener
    runner.stop()
    assert set(threading.enumerate()) - before == set()


class FailsOnce(Projection):
    def __init__(self) -> None:
        self.inner = StockProjection()
        self.name, self.topics, self.failed = self.inner.name, self.inner.topics, False

    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        if not self.failed:
            self.failed = True
            raise RuntimeError("disk on fire")
        self.inner.apply(cur, envelopes)


def test_a_failing_projection_is_logged_then_retried_until_it_succeeds(
    store: EventStore, pool: ConnectionPool, tables: Tables, caplog: pytest.LogCaptureFixture
) -> None:
    runner = ProjectionRunner(pool, store.recorder, store.mapper, [FailsOnce()])
    store.record(a_node("DC-AMS"))
    with caplog.at_level(logging.ERROR, logger="projections.runner"):
        runner.start()
        try:
            assert runner.wait_until(store.recorder.max_notification_id(), timeout=5)
        finally:
            runner.stop()
    (record,) = caplog.records
    assert record.getMessage() == "projection stock failed; retrying"
    assert "disk on fire" in caplog.text
    assert runner.errors == {}
    assert tables.one("stock.nodes")["code"] == "DC-AMS"


def test_a_runner_can_keep_a_subset_of_the_projections(
    store: EventStore, pool: ConnectionPool, tables: Tables
) -> None:
    runner = ProjectionRunner(pool, store.recorder, store.mapper, [ReturnsProjection()])
    record_history(store, orders=3)
    runner.catch_up()
    assert [s.name for s in runner.status()] == ["returns"]
    assert tables.rows("information_schema.schemata", "schema_name = 'stock'") == []


def test_the_projections_decode_an_event_they_all_read_once(
    pool: ConnectionPool, store: EventStore
) -> None:
    record_history(store, orders=5)
    assert isinstance(store.mapper, PersonalMapper)
    mapper = CountingMapper(store.mapper)
    runner = ProjectionRunner(pool, store.recorder, mapper)

    runner.catch_up()

    placed = store.recorder.select_notifications(1, 1_000, topics=[Order.Placed.TOPIC])
    assert len(placed) == 5
    assert {mapper.decoded[n.id] for n in placed} == {1}  # order_tracking's and receivables'
    assert set(mapper.decoded.values()) == {1}
