"""A save is one round trip to PostgreSQL, a new customer's key included."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from eventsourcing.persistence import ProgrammingError

from application.oms import OMS
from tests.application.network import Network
from tests.integration.application.test_personal_keys import keys_of, order_for


@pytest.fixture
def oms(postgres_env: dict[str, str]) -> Iterator[OMS]:
    app = OMS(postgres_env)
    Network(app).stock("DC-NJ", "TEE", 5)
    yield app
    app.close()


def statements_of_saves(oms: OMS, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The statements each of the recorder's saves sends from now on (one per round trip)."""
    sent: list[str] = []
    execute = psycopg.Cursor.execute
    insert_events = oms.recorder.insert_events
    saving = [False]

    def noted(curs: Any, query: Any, *args: Any, **kwargs: Any) -> Any:
        if saving[0]:
            sent.append(query.as_string(curs.connection) if hasattr(query, "as_string") else query)
        return execute(curs, query, *args, **kwargs)

    def saved(*args: Any, **kwargs: Any) -> Any:
        saving[0] = True
        try:
            return insert_events(*args, **kwargs)
        finally:
            saving[0] = False

    monkeypatch.setattr(psycopg.Cursor, "execute", noted)
    monkeypatch.setattr(oms.recorder, "insert_events", saved)
    return sent


def test_a_new_customers_order_is_saved_in_one_round_trip_key_and_all(
    oms: OMS, connection: psycopg.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = statements_of_saves(oms, monkeypatch)
    before = connection.execute("SELECT count(*) FROM oms_events").fetchone()
    oms.place_order(order_for("C-RT"))
    (call,) = sent
    assert call.startswith('SELECT * FROM "public"."oms_save_oms_events"(')
    assert len(keys_of(connection, "C-RT")) == 1
    after = connection.execute("SELECT count(*) FROM oms_events").fetchone()
    assert before is not None
    assert after is not None
    assert after[0] > before[0]


def test_the_save_function_takes_the_table_lock_after_storing_the_keys(
    oms: OMS, connection: psycopg.Connection
) -> None:
    (body,) = connection.execute(
        "SELECT prosrc FROM pg_proc WHERE proname = 'oms_save_oms_events'"
    ).fetchone()
    assert "oms_personal_keys" in body
    assert body.index("oms_personal_keys") < body.index("LOCK TABLE")
    assert (
        body.index("LOCK TABLE")
        < body.index("NOTIFY")
        < body.index('INSERT INTO "public"."oms_events"')
    )


def test_a_save_that_fails_rolls_back_and_leaves_its_connection_for_the_next(
    oms: OMS, connection: psycopg.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    sent = statements_of_saves(oms, monkeypatch)
    connection.execute(
        "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql"
        " AS $$ BEGIN RAISE EXCEPTION 'refused by the test'; END $$"
    )
    connection.execute(
        "CREATE TRIGGER refuse BEFORE INSERT ON oms_events EXECUTE FUNCTION refuse()"
    )
    with pytest.raises(ProgrammingError, match="refused by the test"):
        oms.place_order(order_for("C-FAIL"))
    assert len(sent) == 1
    assert keys_of(connection, "C-FAIL") == []  # rolled back with the events
    connection.execute("DROP TRIGGER refuse ON oms_events")
    assert oms.place_order(order_for("C-FAIL"))["status"] == "ALLOCATED"
    assert len(keys_of(connection, "C-FAIL")) == 1


def test_an_event_store_made_before_the_save_function_gains_it_when_a_process_starts(
    oms: OMS, connection: psycopg.Connection, postgres_env: dict[str, str]
) -> None:
    connection.execute("DROP FUNCTION oms_save_oms_events")
    restarted = OMS(postgres_env)
    try:
        assert restarted.place_order(order_for("C-UPGRADE"))["status"] == "ALLOCATED"
    finally:
        restarted.close()
    assert len(keys_of(connection, "C-UPGRADE")) == 1
