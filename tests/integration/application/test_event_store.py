"""The write side on PostgreSQL: aggregates reload from stored events, topics are pinned."""

import json
from collections.abc import Iterator
from uuid import UUID

import psycopg
import pytest

from application.oms import OMS
from tests.application.network import Network


@pytest.fixture
def oms(postgres_env: dict[str, str]) -> Iterator[OMS]:
    app = OMS(postgres_env, snapshot_interval=3)
    yield app
    app.close()


def test_a_placed_order_reloads_from_postgres_in_a_new_application(
    oms: OMS, postgres_env: dict[str, str]
) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 4)
    answer = network.place({"TEE": 3})
    network.deliver(answer)
    fresh = OMS(postgres_env)
    try:
        order = fresh.order(UUID(answer["order_id"]))
        assert order.status == "DELIVERED"
        assert fresh.stock("DC-NJ", "TEE").on_hand == 1
    finally:
        fresh.close()


def test_every_decision_is_stored_as_an_event_with_a_pinned_topic(
    oms: OMS, connection: psycopg.Connection
) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 4)
    answer = network.place({"TEE": 1})
    rows = connection.execute(
        "SELECT topic, state FROM oms_events WHERE originator_id = %s ORDER BY originator_version",
        (UUID(answer["order_id"]),),
    ).fetchall()
    assert [topic for topic, _ in rows] == ["oms:Order.Placed", "oms:Order.Allocated"]
    allocated = json.loads(bytes(rows[1][1]))
    assert allocated["explanation"]["rule"] == "single-node"


def test_busy_stock_records_are_snapshotted(oms: OMS, connection: psycopg.Connection) -> None:
    network = Network(oms)
    for _ in range(7):
        network.stock("DC-NJ", "TEE", 1)
    count = connection.execute("SELECT count(*) FROM oms_snapshots").fetchone()
    assert count is not None
    assert count[0] >= 2
    assert oms.stock("DC-NJ", "TEE").on_hand == 7


def test_the_answer_position_is_the_log_position_of_the_last_event(oms: OMS) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 4)
    answer = network.place({"TEE": 1})
    assert answer["position"] == oms.head()
