"""Each event is applied exactly once: failures roll a batch back whole, workers never overlap."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from typing import Any

import psycopg
import pytest
from psycopg import Cursor
from psycopg_pool import ConnectionPool

from interfaces.database import connection_pool
from projections import Envelope, Projection, ProjectionRunner, all_projections, rebuild
from tests.integration.projections.conftest import EventStore, snapshot
from tests.integration.projections.history import record_history


class Crash(Exception):
    """The injected failure."""


class CrashingMidBatch(Projection):
    """Wraps a projection; its `crash_on`-th batch applies half its events, then dies."""

    def __init__(self, inner: Projection, crash_on: int, how: str) -> None:
        self.inner, self.name, self.topics = inner, inner.name, inner.topics
        self.crash_on, self.how, self.batches = crash_on, how, 0

    def ddl(self) -> str:
        return self.inner.ddl()

    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        self.batches += 1
        if self.batches != self.crash_on:
            self.inner.apply(cur, envelopes)
            return
        self.inner.apply(cur, envelopes[: len(envelopes) // 2])
        if self.how == "connection killed":
            cur.execute("SELECT pg_terminate_backend(pg_backend_pid())")
        raise Crash


def rebuilt_from_zero(pool: ConnectionPool, store: EventStore) -> dict[str, list]:
    for projection in all_projections():
        rebuild(pool, store.recorder, store.mapper, projection)
    return snapshot(pool)


@pytest.mark.parametrize(
    ("how", "error"), [("exception", Crash), ("connection killed", psycopg.OperationalError)]
)
def test_a_projection_that_dies_mid_batch_resumes_with_no_double_count_and_no_gap(
    store: EventStore, pool: ConnectionPool, how: str, error: type[Exception]
) -> None:
    record_history(store, orders=40)
    head = store.recorder.max_notification_id()
    for projection in all_projections():
        crashing = CrashingMidBatch(projection, crash_on=2, how=how)
        first = ProjectionRunner(pool, store.recorder, store.mapper, [crashing], batch_size=5)
        with pytest.raises(error):
            first.catch_up()
        (status,) = first.status()
        assert 0 < status.position < head

    ProjectionRunner(pool, store.recorder, store.mapper, batch_size=5).catch_up()
    after_restart = snapshot(pool)

    assert after_restart == rebuilt_from_zero(pool, store)


def test_two_workers_tailing_the_same_log_never_both_apply_an_event(
    store: EventStore, database_url: str
) -> None:
    pools = [connection_pool(database_url, max_size=3) for _ in range(2)]
    workers = [
        ProjectionRunner(p, store.recorder, store.mapper, batch_size=7, poll_interval=0.01)
        for p in pools
    ]
    try:
        for worker in workers:
            worker.start()
        writer = threading.Thread(target=record_history, args=(store, 11, 40))
        writer.start()
        writer.join()
        head = store.recorder.max_notification_id()
        assert all(worker.wait_until(head, timeout=20) for worker in workers)
        assert all(not worker.errors for worker in workers)
        for worker in workers:
            worker.stop()
        live = snapshot(pools[0])
        assert live == rebuilt_from_zero(pools[0], store)
    finally:
        for worker in workers:
            worker.stop()
        for p in pools:
            p.close()
