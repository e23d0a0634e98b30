"""Events stored before their payloads were typed values project as the same rows, and the
log they form passes `oms audit verify`.

The same journey is written twice: once exactly as the earlier release stored it (plain
JSON objects), once re-encoded by this release (typed values). Every read model must hold
the same rows for both.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from psycopg_pool import ConnectionPool
from typer.testing import CliRunner

from application.oms import OMS
from application.settings import Settings
from application.subject_context import data_subject
from interfaces.cli import app
from interfaces.database import connection_pool
from interfaces.wiring import build_oms
from projections import ProjectionRunner
from tests.application.old_events import load_into, recorded, stored_events
from tests.integration.projections.conftest import snapshot

DOCUMENT = recorded()
SCHEMAS = ("stock", "order_tracking", "returns", "receivables")


def projected(oms: OMS, database_url: str) -> dict[str, list[tuple[Any, ...]]]:
    pool: ConnectionPool = connection_pool(database_url, max_size=4)
    try:
        ProjectionRunner(pool, oms.recorder, oms.mapper).catch_up()
        return snapshot(pool, *SCHEMAS)
    finally:
        pool.close()


@pytest.fixture
def old_log(database_url: str) -> Iterator[OMS]:
    oms = build_oms(Settings(database_url=database_url, api_keys={}), database_url)
    load_into(oms.recorder, DOCUMENT)
    yield oms
    oms.close()


@pytest.fixture
def new_log(module_database_url: str, old_log: OMS) -> Iterator[OMS]:
    """The same events, decoded from the old shapes and stored again by this release."""
    oms = build_oms(Settings(database_url=module_database_url, api_keys={}), module_database_url)
    decoded = [old_log.mapper.to_domain_event(s) for s in stored_events(DOCUMENT)]
    with data_subject("C-1"):  # old address changes do not name their customer
        oms.recorder.insert_events([oms.mapper.to_stored_event(e) for e in decoded])
    yield oms
    oms.close()


def test_old_and_new_shapes_project_to_the_same_rows(
    old_log: OMS, new_log: OMS, database_url: str, module_database_url: str
):
    placed = next(
        n for n in new_log.recorder.select_notifications(1, 1000) if n.topic == "oms:Order.Placed"
    )
    assert json.loads(placed.state)["delivery"]["_type_"] == "delivery"  # typed, re-encoded

    old_rows = projected(old_log, database_url)
    new_rows = projected(new_log, module_database_url)

    assert old_rows == new_rows
    with psycopg.connect(database_url) as conn:
        tracked = dict(conn.execute("SELECT order_id, status FROM order_tracking.orders"))
    assert {str(o): s for o, s in tracked.items()} == {
        order: state["status"] for order, state in DOCUMENT["orders"].items()
    }


def test_a_log_of_old_shapes_passes_audit_verify(old_log: OMS, database_url: str):
    projected(old_log, database_url)

    verify = CliRunner().invoke(
        app, ["audit", "verify", "--json"], env={"DATABASE_URL": database_url}
    )

    report = json.loads(verify.stdout)
    assert verify.exit_code == 0, report
    assert report["ok"] is True
