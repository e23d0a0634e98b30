"""projections: each read model's position against the head of the log."""

from __future__ import annotations

from projections import ProjectionRunner
from tests.application.network import Network
from tests.integration.interfaces.graphql.conftest import ReadSide

QUERY = "{ projections { name position head lagEvents error } }"


def test_each_projection_reports_its_position_and_lag(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    head = network.oms.head()
    before = read.data(QUERY)["projections"]
    assert {p["name"] for p in before} == {"stock", "order_tracking", "returns", "receivables"}
    assert all(p["position"] == 0 and p["lagEvents"] == head == p["head"] for p in before)

    runner.catch_up()
    after = read.data(QUERY)["projections"]
    assert all((p["position"], p["lagEvents"], p["error"]) == (head, 0, None) for p in after)


def test_the_runner_when_in_process_answers_the_status(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    runner.catch_up()
    read.runner = runner
    statuses = read.data(QUERY)["projections"]
    assert [p["lagEvents"] for p in statuses] == [0, 0, 0, 0]
