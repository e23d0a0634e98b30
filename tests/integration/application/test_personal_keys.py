"""A customer's key is stored in the transaction of the first events it seals, on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

import psycopg
import pytest

from application.commands import PlaceOrder, ReceiveStock
from application.oms import OMS
from application.subject_context import data_subject
from domain.personal import ERASED
from tests.application.network import NEW_YORK, Network
from tests.integration.application.test_batch_conflicts import Overtaken

NAME = "Philippa Quaintrelle"


def order_for(customer: str) -> PlaceOrder:
    return PlaceOrder(
        channel="WEB",
        customer={"id": customer, "name": NAME, "email": "pq@example.test"},
        delivery={"method": "SHIP", "address": NEW_YORK},
        lines=[{"sku": "TEE", "quantity": 1, "unit_price": "10.00"}],
    )


def keys_of(connection: psycopg.Connection, subject: str) -> list[tuple[str, str]]:
    """(key id, the id of the transaction that stored it) of each of the subject's keys."""
    rows = connection.execute(
        "SELECT key_id::text, xmin::text FROM oms_personal_keys WHERE subject = %s", (subject,)
    )
    return [(k, x) for k, x in rows]


@pytest.fixture
def pair(postgres_env: dict[str, str]) -> Iterator[tuple[OMS, OMS]]:
    first, second = OMS(postgres_env), OMS(postgres_env)
    Network(first).stock("DC-NJ", "TEE", 50)
    yield first, second
    first.close()
    second.close()


def test_a_new_customers_key_is_stored_by_the_transaction_storing_their_first_order(
    pair: tuple[OMS, OMS], connection: psycopg.Connection
) -> None:
    oms, other = pair
    oid = oms.place_order(order_for("C-NEW"))["order_id"]
    ((_, key_xid),) = keys_of(connection, "C-NEW")
    event_xids = connection.execute(
        "SELECT DISTINCT xmin::text FROM oms_events WHERE originator_id = %s", (oid,)
    ).fetchall()
    assert event_xids == [(key_xid,)]
    assert other.order(UUID(oid)).customer.name == NAME  # another process reads it
    oms.place_order(order_for("C-NEW").model_copy(update={"external_ref": "second"}))
    assert len(keys_of(connection, "C-NEW")) == 1  # later orders use the same key


def test_a_save_that_lost_a_race_stores_its_key_with_the_retry_that_wins(
    postgres_env: dict[str, str], connection: psycopg.Connection
) -> None:
    oms, rival = Overtaken(postgres_env), OMS(postgres_env)
    try:
        Network(oms).stock("DC-NJ", "TEE", 5)
        oms.rival, before = rival, oms.saves
        oid = UUID(oms.place_order(order_for("C-RACE"))["order_id"])
        assert oms.saves == before + 2  # the first save conflicted, its retry was stored
        assert len(keys_of(connection, "C-RACE")) == 1
        assert rival.order(oid).customer.name == NAME
    finally:
        oms.close()
        rival.close()


def test_two_processes_sealing_a_new_customer_at_once_each_store_a_key_and_erasure_takes_both(
    pair: tuple[OMS, OMS], connection: psycopg.Connection
) -> None:
    oms, other = pair
    for process in pair:  # both make their key before either stores an order
        with data_subject("C-BOTH"):
            process.sealer._newest_key("C-BOTH")
    oms.place_order(order_for("C-BOTH"))
    Network(other, register=False).stock("DC-NJ", "TEE", 1)
    theirs = other.place_order(order_for("C-BOTH").model_copy(update={"external_ref": "b"}))
    assert len(keys_of(connection, "C-BOTH")) == 2

    assert oms.erase_personal_data("C-BOTH")["keys_destroyed"] == 2

    fresh = OMS(oms.env)
    try:
        assert fresh.order(UUID(theirs["order_id"])).customer.name == ERASED
    finally:
        fresh.close()


def test_personal_data_sealed_outside_an_event_save_stores_its_key_first(
    pair: tuple[OMS, OMS], connection: psycopg.Connection
) -> None:
    oms, _ = pair
    with data_subject("C-SNAP"):
        sealed = oms.sealer.seal({"name": NAME})  # as a snapshot is: stored apart from events
    assert keys_of(connection, "C-SNAP")[0][0] == str(UUID(sealed["key"]))


def test_a_key_made_for_a_customer_erased_before_it_was_stored_is_never_stored(
    pair: tuple[OMS, OMS], connection: psycopg.Connection
) -> None:
    oms, _ = pair
    oms.receive_stock("DC-NJ", ReceiveStock(sku="TEE", quantity=1))
    with data_subject("C-GONE"):
        oms.sealer._newest_key("C-GONE")
    oms.sealer.forget("C-GONE")  # as an erasure does
    oms.place_order(order_for("C-OTHER"))
    assert keys_of(connection, "C-GONE") == []


def test_a_customer_the_log_never_named_costs_no_key_look_up_and_a_known_one_finds_theirs(
    pair: tuple[OMS, OMS], connection: psycopg.Connection, monkeypatch: pytest.MonkeyPatch
) -> None:
    oms, other = pair
    looked_up: list[str] = []
    for process in pair:
        newest = process.sealer.keys.newest  # type: ignore[union-attr]
        monkeypatch.setattr(
            process.sealer.keys, "newest", lambda s, f=newest: looked_up.append(s) or f(s)
        )

    oms.place_order(order_for("C-FRESH"))
    assert looked_up == []
    Network(other, register=False).stock("DC-NJ", "TEE", 1)
    other.place_order(order_for("C-FRESH").model_copy(update={"external_ref": "again"}))

    assert looked_up == ["C-FRESH"]  # the other process had seen the first order
    assert len(keys_of(connection, "C-FRESH")) == 1
