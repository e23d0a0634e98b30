"""`/ready` is 503 while a read model lags beyond OMS_READY_MAX_LAG, and a read model that
failed for a while says so, then clears the failure once it applies its events again.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import httpx
import pytest
from psycopg import Cursor

from interfaces.database import connection_pool
from projections import ProjectionRunner
from projections.base import Envelope
from projections.stock import StockProjection
from tests.e2e.conftest import Server, e2e_settings, serve
from tests.e2e.helpers import register, unique


@pytest.fixture
def server(database_url: str) -> Iterator[Server]:
    """No projections in process and no worker: the read models stand still until caught up."""
    with serve(e2e_settings(database_url, ready_max_lag=2)) as running:
        yield running


@contextmanager
def runner_for(server: Server, database_url: str, **kwargs: Any) -> Iterator[ProjectionRunner]:
    pool = connection_pool(database_url, max_size=5)
    try:
        yield ProjectionRunner(pool, server.oms.recorder, server.oms.mapper, **kwargs)
    finally:
        pool.close()


def test_ready_is_503_while_the_read_models_lag_beyond_the_threshold(
    server: Server, database_url: str
) -> None:
    with httpx.Client(base_url=server.url) as client:
        register(client, unique("DC"))
        assert client.get("/ready").status_code == 200  # one event behind: within 2
        for _ in range(2):
            register(client, unique("DC"))

        lagging = client.get("/ready")
        with runner_for(server, database_url) as runner:
            runner.catch_up()
        caught_up = client.get("/ready")

    assert lagging.status_code == 503
    assert "read model stock is 3 positions behind the log head" in lagging.json()["detail"]
    assert lagging.json()["max_lag"] == 2
    assert caught_up.status_code == 200
    assert {p["lag"] for p in caught_up.json()["projections"]} == {0}


class FlakyStock(StockProjection):
    """The stock read model, failing its first `failures` batches."""

    def __init__(self, failures: int) -> None:
        self.failures = failures

    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        if self.failures:
            self.failures -= 1
            raise RuntimeError("disk on fire")
        super().apply(cur, envelopes)


def wait_for(condition: Callable[[], bool], timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_read_model_that_recovers_clears_its_failure(server: Server, database_url: str) -> None:
    with httpx.Client(base_url=server.url) as client:
        position = register(client, unique("DC"))["position"]
    failed: list[str] = []
    flaky = FlakyStock(failures=3)

    with runner_for(
        server, database_url, projections=[flaky], on_failure=lambda n, e: failed.append(n)
    ) as runner:
        runner.start()
        try:
            wait_for(lambda: runner.status()[0].error is not None)
            failing = runner.status()[0]
            wait_for(lambda: runner.status()[0].position >= position)
            recovered = runner.status()[0]
        finally:
            runner.stop()

    assert failing.error == "RuntimeError: disk on fire"
    assert failing.failed_at is not None
    assert (recovered.error, recovered.failed_at) == (None, None)
    assert failed == ["stock"] * 3
    assert runner.errors == {}
