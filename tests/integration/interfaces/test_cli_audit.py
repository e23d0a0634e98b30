"""`oms audit history|as-of` against a real database."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from uuid import UUID

import pytest
from typer.testing import CliRunner

from application.actor import Actor, acting_as
from application.commands import PlaceHold
from application.oms import OMS
from interfaces.cli import app
from tests.application.network import Network


@pytest.fixture
def oms(postgres_env: dict[str, str]) -> Iterator[OMS]:
    application = OMS(postgres_env)
    yield application
    application.close()


@pytest.fixture
def env(database_url: str) -> dict[str, str]:
    return {"DATABASE_URL": database_url, "COLUMNS": "200"}


def held_order(oms: OMS) -> tuple[UUID, datetime]:
    """An order placed, then (after the instant returned) put on hold."""
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 5)
    with acting_as(Actor("agent", "alice", "req-9")):
        oid = UUID(network.place({"TEE": 2})["order_id"])
    time.sleep(0.002)
    placed = datetime.now(UTC)
    oms.place_hold(oid, PlaceHold(type="FRAUD", reason="check"))
    return oid, placed


def test_history_prints_each_event_with_its_actor(oms: OMS, env: dict[str, str]) -> None:
    oid, _ = held_order(oms)

    table = CliRunner().invoke(app, ["audit", "history", str(oid)], env=env)
    as_json = CliRunner().invoke(app, ["audit", "history", str(oid), "--json"], env=env)

    assert table.exit_code == 0, table.output
    assert "Placed" in table.output
    assert "HoldPlaced" in table.output
    assert "alice" in table.output
    assert "req-9" in table.output
    events = json.loads(as_json.output)
    assert [e["type"] for e in events] == ["Placed", "Allocated", "HoldPlaced"]
    assert events[0]["actor"]["request_id"] == "req-9"
    assert events[2]["data"] == {
        "hold_type": "FRAUD",
        "reason": "check",
        "rule": None,
        "rules_version": None,
    }


def test_as_of_shows_the_order_as_it_stood_then(oms: OMS, env: dict[str, str]) -> None:
    oid, placed = held_order(oms)
    at = placed.isoformat()

    then = CliRunner().invoke(app, ["audit", "as-of", str(oid), "--at", at, "--json"], env=env)
    table = CliRunner().invoke(app, ["audit", "as-of", str(oid), "--at", at], env=env)
    later = CliRunner().invoke(
        app, ["audit", "as-of", str(oid), "--at", datetime.now(UTC).isoformat(), "--json"], env=env
    )

    assert then.exit_code == table.exit_code == later.exit_code == 0, then.output
    assert json.loads(then.output)["order"]["status"] == "ALLOCATED"
    assert json.loads(later.output)["order"]["status"] == "ON_HOLD"
    assert "ALLOCATED" in table.output
    assert "TEE" in table.output


def test_as_of_before_placement_or_of_an_unknown_order_fails(oms: OMS, env: dict[str, str]) -> None:
    oid, _ = held_order(oms)

    early = CliRunner().invoke(app, ["audit", "as-of", str(oid), "--at", "2001-01-01"], env=env)
    unknown = CliRunner().invoke(app, ["audit", "history", str(UUID(int=1))], env=env)
    bad = CliRunner().invoke(app, ["audit", "as-of", str(oid), "--at", "yesterday"], env=env)

    assert early.exit_code == 1
    assert "not placed" in early.output
    assert unknown.exit_code == 1
    assert "no events" in unknown.output
    assert bad.exit_code == 2
