"""/metrics: Prometheus text whose counters move with the commands and reads it serves."""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from projections import failures
from tests.e2e.conftest import Server, e2e_settings, serve
from tests.e2e.helpers import place, receive, register, step, unique

Samples = dict[tuple[str, frozenset[tuple[str, str]]], float]


@pytest.fixture(scope="module")
def server(module_database_url: str) -> Iterator[Server]:
    with serve(e2e_settings(module_database_url, projections_in_process=True)) as running:
        yield running


def scrape(client: httpx.Client) -> Samples:
    """Every sample, parsed as Prometheus text (a syntax error fails the test)."""
    answer = client.get("/metrics")
    assert answer.status_code == 200
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(answer.text)
        for sample in family.samples
    }


def value(samples: Samples, name: str, **labels: str) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


def settled(client: httpx.Client, name: str, **labels: str) -> Samples:
    """A scrape once the series shows up: a request is counted just after its answer went
    out, so the next request may be served a moment before that."""
    deadline = time.monotonic() + 5
    while True:
        samples = scrape(client)
        if value(samples, name, **labels) or time.monotonic() > deadline:
            return samples
        time.sleep(0.05)


def test_commands_are_counted_and_timed_by_command_and_outcome(client: httpx.Client) -> None:
    before = scrape(client)
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 1)
    placed = place(client, {sku: 3})  # one unit allocated, two backordered
    [shipment] = placed["shipments"]
    assert step(client, placed["order_id"], shipment["shipment_id"], "pack").status_code == 409
    after = scrape(client)

    def moved(name: str, **labels: str) -> float:
        return value(after, name, **labels) - value(before, name, **labels)

    assert moved("oms_commands_total", command="place_order", outcome="ok") == 1
    assert moved("oms_commands_total", command="receive_stock", outcome="ok") == 1
    assert moved("oms_commands_total", command="step_shipment", outcome="refused") == 1
    assert moved("oms_command_duration_seconds_count", command="place_order") == 1
    assert moved("oms_command_duration_seconds_sum", command="place_order") > 0
    assert moved("oms_events_stored_total", type="Order.Allocated") == 1
    assert moved("oms_sourcing_decisions_total", trigger="PLACED") == 1
    assert moved("oms_backordered_units_total") == 2
    assert ("oms_command_conflicts_total", frozenset()) not in after  # labelled per command


def test_graphql_requests_are_timed_by_operation_name_not_unmatched(
    client: httpx.Client,
) -> None:
    query = "query NodeCodes { nodes { code } } query Other { projections { name } }"
    for _ in range(2):
        answer = client.post("/graphql", json={"query": query, "operationName": "NodeCodes"})
        assert answer.status_code == 200
    client.post("/graphql", json={"query": "{ nodes { code } }"})
    client.post("/graphql", json={"query": "query Broken { nodes { nope } }"})
    samples = settled(
        client, "oms_http_requests_total", method="POST", route="/graphql", status="400"
    )

    assert value(samples, "oms_graphql_operations_total", operation="NodeCodes", outcome="ok") == 2
    assert value(samples, "oms_graphql_operations_total", operation="anonymous", outcome="ok") >= 1
    assert value(samples, "oms_graphql_operations_total", operation="Broken", outcome="error") == 1
    assert (
        value(samples, "oms_graphql_operation_duration_seconds_count", operation="NodeCodes") == 2
    )
    assert value(samples, "oms_http_requests_total", method="POST", route="/graphql", status="200")
    assert not any(
        name == "oms_http_requests_total"
        and ("route", "unmatched") in labels
        and ("status", "200") in labels
        for name, labels in samples
    )


def test_each_read_model_reports_its_position_and_lag(server: Server, client: httpx.Client) -> None:
    register(client, unique("DC"))
    server.app.state.projections.wait_until(server.oms.head(), timeout=10)
    samples = scrape(client)
    for name in ("stock", "order_tracking", "returns"):
        assert value(samples, "oms_projection_position", projection=name) >= server.oms.head() - 0
        assert value(samples, "oms_projection_lag_events", projection=name) == 0
        assert value(samples, "oms_projection_lag_seconds", projection=name) == 0
        assert value(samples, "oms_projection_failing", projection=name) == 0


def test_console_assets_are_counted_under_their_mount(client: httpx.Client) -> None:
    assert client.get("/console/app.js").status_code == 200
    samples = settled(
        client, "oms_http_requests_total", method="GET", route="/console/{path}", status="200"
    )
    assert value(
        samples, "oms_http_requests_total", method="GET", route="/console/{path}", status="200"
    )


def test_a_server_without_in_process_projections_reports_the_stored_positions_and_failures(
    server: Server, module_database_url: str
) -> None:
    with (
        serve(e2e_settings(module_database_url)) as elsewhere,
        httpx.Client(base_url=elsewhere.url) as http,
    ):
        register(http, unique("DC"))
        head = elsewhere.oms.head()
        server.app.state.projections.wait_until(head, timeout=10)
        samples = scrape(http)
        failures.store(server.app.state.projections_pool, "returns", "ValueError: poison")
        try:
            failing = scrape(http)
        finally:
            failures.store(server.app.state.projections_pool, "returns", None)
    for name in ("stock", "order_tracking", "returns"):
        assert value(samples, "oms_projection_position", projection=name) == head
        assert value(samples, "oms_projection_lag_events", projection=name) == 0
        assert ("oms_projection_failing", frozenset({("projection", name)})) in samples
        assert value(samples, "oms_projection_failing", projection=name) == 0
    assert value(failing, "oms_projection_failing", projection="returns") == 1
    assert value(failing, "oms_projection_failing", projection="stock") == 0
