"""Defect 9: events stored by an earlier release still load, project and verify.

`Order.Allocated` is at class version 2 (its explanation names the rules version, the
trigger and every candidate); version 1 stored `considered`, `rule` and `decided_by`, with
no `class_version` in the stored state. Here the PostgreSQL event store holds allocations
exactly as version 1 wrote them, before any read model or hash chain has seen them; a new
process must read them through the upcaster, project them and pass `oms audit verify`.
"""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID

import psycopg
import pytest
from typer.testing import CliRunner

from application.settings import Settings
from domain.order import Order
from domain.sourcing_explanation import candidate_rows
from interfaces.cli import app
from interfaces.database import connection_pool
from interfaces.wiring import build_oms
from projections import ProjectionRunner
from tests.application.network import DALLAS, Network

ALLOCATED = "oms:Order.Allocated"


@pytest.fixture
def settings(database_url: str) -> Settings:
    return Settings(database_url=database_url, api_keys={})


@pytest.fixture
def placed(settings: Settings, database_url: str) -> list[str]:
    """Orders placed (shipped from one node, split, backordered) by a process now gone."""
    oms = build_oms(settings, database_url)
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 3)
    network.stock("DC-TX", "TEE", 2)
    orders = [
        network.place({"TEE": 1})["order_id"],
        network.place({"TEE": 3}, to=DALLAS)["order_id"],
        network.place({"TEE": 5})["order_id"],
    ]
    oms.close()
    return orders


def as_version_1(state: dict[str, Any]) -> dict[str, Any]:
    """An allocation's stored state as release 1 wrote it."""
    v2 = state.pop("explanation")
    state.pop("class_version")
    state["shipments"] = [s["_data_"] for s in state["shipments"]]  # plain objects then
    state["explanation"] = {
        "considered": [
            {
                "node": c["node"],
                "distance_km": c["distance_km"],
                "eligible": c["excluded_by"] is None,
                "reason": c["excluded_by"] or "eligible",
            }
            for c in candidate_rows(v2)
        ],
        "rule": "nearest",
        "decided_by": (v2["chosen"] or [None])[0],
    }
    return state


def rewrite_allocations_as_version_1(database_url: str) -> int:
    with psycopg.connect(database_url) as conn:
        rows = conn.execute(
            "SELECT notification_id, state FROM oms_events WHERE topic = %s", (ALLOCATED,)
        ).fetchall()
        for position, state in rows:
            old = json.dumps(as_version_1(json.loads(bytes(state)))).encode()
            conn.execute(
                "UPDATE oms_events SET state = %s WHERE notification_id = %s", (old, position)
            )
    return len(rows)


def test_version_1_allocations_in_postgres_load_project_and_verify(
    placed: list[str], settings: Settings, database_url: str
) -> None:
    assert rewrite_allocations_as_version_1(database_url) >= 3
    oms = build_oms(settings, database_url)  # a new process: nothing cached
    try:
        for order_id in placed:
            allocations = [
                e for e in oms.events.get(UUID(order_id)) if isinstance(e, Order.Allocated)
            ]
            assert allocations, "every order was allocated or backordered"
            for event in allocations:
                assert event.explanation["rules_version"] == 0  # read through the upcaster
                assert event.explanation["trigger"] == "PLACED"
                chosen = sorted({s.node_code for s in event.shipments})
                assert event.explanation["chosen"] == chosen
        # One shipped whole from the nearest node, one split, one partly backordered.
        statuses = [str(oms.order(UUID(o)).status) for o in placed]
        assert statuses == ["ALLOCATED", "ALLOCATED", "BACKORDERED"]

        pool = connection_pool(database_url, max_size=5)
        try:
            ProjectionRunner(pool, oms.recorder, oms.mapper).catch_up()
        finally:
            pool.close()
        with psycopg.connect(database_url) as conn:
            tracked = conn.execute(
                "SELECT count(*) FROM order_tracking.orders WHERE order_id = ANY(%s)",
                ([UUID(o) for o in placed],),
            ).fetchone()
        assert tracked == (3,)

        verify = CliRunner().invoke(
            app, ["audit", "verify", "--json"], env={"DATABASE_URL": database_url}
        )
        report = json.loads(verify.stdout)
        assert verify.exit_code == 0, report
        assert report["ok"] is True
        assert report["chain"]["chained_to"] == oms.head()
    finally:
        oms.close()
