"""A reader waiting for a position cuts the projector's batch gap short; nobody else does."""

from __future__ import annotations

import threading
import time
from collections import Counter
from collections.abc import Iterator

import pytest
from psycopg_pool import ConnectionPool

from projections import ProjectionRunner
from projections.batch import BatchResult
from projections.stock import StockProjection
from projections.wanted import CHANNEL
from tests.integration.projections.conftest import EventStore
from tests.integration.projections.test_stock import a_node, stocked

GAP = 3.0  # long beside every wait below: a batch that waited it out would fail them


class Batches:
    """When each projection's batches ended."""

    def __init__(self) -> None:
        self.ended: list[tuple[str, float]] = []

    def __call__(self, name: str, result: BatchResult, at: float) -> None:
        self.ended.append((name, time.monotonic()))

    def since(self, moment: float) -> Counter[str]:
        return Counter(name for name, at in self.ended if at >= moment)


@pytest.fixture
def batches() -> Batches:
    return Batches()


@pytest.fixture
def gapped(store: EventStore, pool: ConnectionPool, batches: Batches) -> Iterator[ProjectionRunner]:
    """A started runner with a long gap, its first batch (after a quiet spell) applied."""
    runner = ProjectionRunner(
        pool, store.recorder, store.mapper, [StockProjection()], gap=GAP, on_batch=batches
    )
    runner.start()
    store.record(a_node("DC-AMS"))
    assert runner.wait_until(store.recorder.max_notification_id(), timeout=5)
    yield runner
    runner.stop()


def applied(runner: ProjectionRunner, position: int) -> bool:
    return all(s.position >= position for s in runner.status())


def read_after(runner: ProjectionRunner, position: int) -> bool:
    """As a read-your-writes query with the runner in its process waits."""
    runner.hurry(position)
    return runner.wait_until(position, timeout=1.0)


def ask(pool: ConnectionPool, payload: str) -> None:
    """NOTIFY the projectors as a read side in another process does."""
    with pool.connection() as conn:
        conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))
        conn.commit()


def test_a_write_nobody_waits_for_is_applied_only_after_the_gap(
    store: EventStore, gapped: ProjectionRunner
) -> None:
    store.record(stocked("DC-AMS", "TEE", 4))
    head = store.recorder.max_notification_id()
    time.sleep(1.0)
    assert not applied(gapped, head)
    deadline = time.monotonic() + GAP + 2
    while not applied(gapped, head) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert applied(gapped, head)


def test_a_reader_waiting_in_process_is_answered_well_before_the_gap(
    store: EventStore, gapped: ProjectionRunner
) -> None:
    store.record(stocked("DC-AMS", "TEE", 4))
    started = time.monotonic()
    assert read_after(gapped, store.recorder.max_notification_id())
    assert time.monotonic() - started < 0.5


def test_a_notification_from_another_process_starts_the_batch_at_once(
    store: EventStore, gapped: ProjectionRunner, pool: ConnectionPool
) -> None:
    store.record(stocked("DC-AMS", "TEE", 4))
    head = store.recorder.max_notification_id()
    started = time.monotonic()
    ask(pool, str(head))
    while not applied(gapped, head) and time.monotonic() - started < 1.0:
        time.sleep(0.01)
    assert applied(gapped, head)


def test_a_malformed_notification_is_logged_and_ignored(
    store: EventStore,
    gapped: ProjectionRunner,
    pool: ConnectionPool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    store.record(stocked("DC-AMS", "TEE", 4))
    ask(pool, "soon please")
    time.sleep(0.5)
    assert "not a log position: 'soon please'" in caplog.text
    assert not applied(gapped, store.recorder.max_notification_id())
    assert gapped.errors == {}


def test_a_flood_of_waiting_readers_starts_one_early_batch_not_one_per_reader(
    store: EventStore, gapped: ProjectionRunner, batches: Batches
) -> None:
    store.record(stocked("DC-AMS", "TEE", 4))
    head = store.recorder.max_notification_id()
    flooded = time.monotonic()
    readers = [threading.Thread(target=read_after, args=(gapped, head)) for _ in range(50)]
    for reader in readers:
        reader.start()
    for reader in readers:
        reader.join()
    assert applied(gapped, head)
    time.sleep(0.5)  # readers asking for what is applied start nothing more
    gapped.hurry(head)
    time.sleep(0.3)
    assert batches.since(flooded) == {"stock": 1}
