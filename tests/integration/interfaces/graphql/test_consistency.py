"""X-OMS-Consistent-After: a query waits for the read models to reach a write."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

import pytest
from psycopg_pool import ConnectionPool
from strawberry.types import ExecutionResult

from application.oms import OMS
from projections import ProjectionRunner
from tests.application.network import Network
from tests.integration.interfaces.graphql.conftest import ReadSide


def consistency_of(result: ExecutionResult) -> dict[str, Any]:
    assert result.extensions is not None
    report: dict[str, Any] = result.extensions["consistency"]
    return report


ORDER = "query($id: ID!) { order(id: $id) { status lines { sku } } }"

# How long a read that must reach a late runner may wait: far more than the runner needs on a
# quiet machine (well under a second), so a loaded CI machine answers late, not stale.
LOADED_MACHINE_WAIT = 10.0


@pytest.fixture
def late_runner(runner: ProjectionRunner) -> Iterator[ProjectionRunner]:
    """The runner, started a little later in the background, as a busy projector would be."""
    timer = threading.Timer(0.3, runner.start)
    timer.start()
    yield runner
    timer.cancel()
    runner.stop()


def test_a_query_after_a_write_waits_for_it_and_says_so(
    network: Network, read: ReadSide, late_runner: ProjectionRunner
) -> None:
    network.stock("DC-NJ", "BOOK", 3)
    placed = network.place({"BOOK": 1})
    read.runner = late_runner

    result = read.query(
        ORDER,
        {"id": placed["order_id"]},
        headers={"X-OMS-Consistent-After": str(placed["position"])},
        timeout=LOADED_MACHINE_WAIT,
    )

    assert result.errors is None
    assert result.data == {"order": {"status": "ALLOCATED", "lines": [{"sku": "BOOK"}]}}
    consistency = consistency_of(result)
    assert consistency["requested"] == placed["position"]
    assert consistency["reached"] >= placed["position"]
    assert consistency["stale"] is False
    assert 200 < consistency["waitedMs"] < LOADED_MACHINE_WAIT * 1000


def test_without_an_in_process_runner_the_wait_polls_the_positions(
    network: Network, read: ReadSide, late_runner: ProjectionRunner
) -> None:
    network.stock("DC-NJ", "BOOK", 3)
    placed = network.place({"BOOK": 1})
    result = read.query(
        ORDER,
        {"id": placed["order_id"]},
        headers={"X-OMS-Consistent-After": str(placed["position"])},
    )
    assert result.data == {"order": {"status": "ALLOCATED", "lines": [{"sku": "BOOK"}]}}
    assert consistency_of(result)["stale"] is False


def test_without_an_in_process_runner_a_listening_read_side_wakes_on_the_notification(
    network: Network, read: ReadSide, late_runner: ProjectionRunner
) -> None:
    network.stock("DC-NJ", "BOOK", 3)
    placed = network.place({"BOOK": 1})
    result = read.query(
        ORDER,
        {"id": placed["order_id"]},
        headers={"X-OMS-Consistent-After": str(placed["position"])},
        listen=True,
        timeout=LOADED_MACHINE_WAIT,
    )
    assert result.data == {"order": {"status": "ALLOCATED", "lines": [{"sku": "BOOK"}]}}
    consistency = consistency_of(result)
    assert consistency["stale"] is False
    assert 200 < consistency["waitedMs"] < LOADED_MACHINE_WAIT * 1000


def test_a_position_not_reached_in_time_answers_stale_data_and_says_so(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    runner.catch_up()
    head = network.oms.head()
    result = read.query(
        "{ nodes { code } }", headers={"X-OMS-Consistent-After": str(head + 5)}, timeout=0.3
    )
    assert result.errors is None
    assert consistency_of(result) == {
        "requested": head + 5,
        "reached": head,
        "stale": True,
        "waitedMs": consistency_of(result)["waitedMs"],
    }
    assert consistency_of(result)["waitedMs"] >= 300


def test_a_position_that_is_not_a_number_is_bad_user_input(
    read: ReadSide, runner: ProjectionRunner
) -> None:
    runner.catch_up()
    result = read.query("{ nodes { code } }", headers={"X-OMS-Consistent-After": "soon"})
    assert result.data is None
    assert result.errors is not None
    assert result.errors[0].extensions == {
        "code": "BAD_USER_INPUT",
        "header": "X-OMS-Consistent-After",
    }


@pytest.fixture
def gapped_runner(projection_pool: ConnectionPool, oms: OMS) -> Iterator[ProjectionRunner]:
    """A started runner whose batches begin 3 s apart under writes, longer than any wait."""
    runner = ProjectionRunner(projection_pool, oms.recorder, oms.mapper, gap=3.0)
    runner.start()
    yield runner
    runner.stop()


@pytest.mark.parametrize("in_process", [True, False], ids=["in process", "another process"])
def test_a_waiting_query_has_the_projector_start_its_batch_without_waiting_out_the_gap(
    network: Network, read: ReadSide, gapped_runner: ProjectionRunner, in_process: bool
) -> None:
    network.stock("DC-NJ", "BOOK", 3)  # applied at once: the first write after quiet
    assert gapped_runner.wait_until(network.oms.head(), timeout=5)
    placed = network.place({"BOOK": 1})  # its batch would wait out the 3 s gap
    read.runner = gapped_runner if in_process else None
    result = read.query(
        ORDER,
        {"id": placed["order_id"]},
        headers={"X-OMS-Consistent-After": str(placed["position"])},
        listen=not in_process,
    )
    assert result.data == {"order": {"status": "ALLOCATED", "lines": [{"sku": "BOOK"}]}}
    consistency = consistency_of(result)
    assert consistency["stale"] is False
    assert consistency["waitedMs"] < 1000
