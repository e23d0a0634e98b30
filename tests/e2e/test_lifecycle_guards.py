"""Lifecycle guards over HTTP: each one a refusal that stores nothing, on the real database;
afterwards GraphQL and the stock read model agree with the aggregates."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import psycopg
import pytest

from tests.e2e.agreement import order_agrees, stock_agrees
from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import (
    AMSTERDAM,
    PARIS,
    ROTTERDAM,
    UTRECHT,
    address,
    fulfil,
    ok,
    order_body,
    place,
    problem,
    receive,
    register,
    step,
    unique,
)

__all__ = ["live"]


@pytest.fixture(scope="module")
def stored(module_database_url: str) -> Callable[[], int]:
    def count() -> int:
        with psycopg.connect(module_database_url, autocommit=True) as conn:
            row = conn.execute("SELECT count(*) FROM oms_events").fetchone()
            assert row is not None
            return int(row[0])

    return count


def refused(
    stored: Callable[[], int], response: Callable[[], httpx.Response], status: int
) -> dict[str, object]:
    before = stored()
    body = problem(response(), status)
    assert stored() == before, "a refused command stored events"
    return body


def stocked(live: Live, quantity: int = 5, at: tuple[float, float] = UTRECHT) -> tuple[str, str]:
    code, sku = unique("DC"), unique("SKU")
    register(live.rest, code, at=at)
    receive(live.rest, code, sku, quantity)
    return code, sku


def test_a_cancelled_order_cannot_be_held_paid_or_changed(live: Live, stored) -> None:
    rest = live.rest
    _, sku = stocked(live)
    oid = place(rest, {sku: 2})["order_id"]
    cancelled = ok(rest.post(f"/orders/{oid}/cancel", json={"reason": "customer"}))
    assert cancelled["status"] == "CANCELLED"

    attempts = {
        "hold": lambda: rest.post(f"/orders/{oid}/holds", json={"type": "FRAUD", "reason": "x"}),
        "pay": lambda: rest.post(
            f"/orders/{oid}/payments", json={"amount": "1.00", "method": "card", "reference": "P1"}
        ),
        "address": lambda: rest.put(f"/orders/{oid}/address", json=address(PARIS)),
        "add line": lambda: rest.post(
            f"/orders/{oid}/lines", json={"sku": sku, "quantity": 1, "unit_price": "1.00"}
        ),
        "change line": lambda: rest.patch(f"/orders/{oid}/lines/{sku}", json={"quantity": 3}),
    }
    for name, attempt in attempts.items():
        body = refused(stored, attempt, 409)
        assert "cancelled" in str(body["detail"]), name

    order_agrees(live, oid, cancelled["position"])
    stock_agrees(live, [sku], cancelled["position"])


def test_an_order_cannot_close_while_a_shipment_is_in_flight_or_a_return_is_open(
    live: Live, stored
) -> None:
    rest = live.rest
    code, sku = stocked(live)
    placed = place(rest, {sku: 1})
    oid, sid = placed["order_id"], placed["shipments"][0]["shipment_id"]
    for name in ("pick", "pack"):
        ok(step(rest, oid, sid, name))
    ok(step(rest, oid, sid, "ship", {"carrier": "DHL"}))

    refused(stored, lambda: rest.post(f"/orders/{oid}/close"), 409)

    ok(step(rest, oid, sid, "deliver"))
    ret = ok(
        rest.post(
            "/returns",
            json={
                "order_id": oid,
                "lines": [{"sku": sku, "quantity": 1, "reason": "too big"}],
                "method": "MAIL",
            },
        ),
        201,
    )
    refused(stored, lambda: rest.post(f"/orders/{oid}/close"), 409)

    rid = ret["return_id"]
    ok(rest.post(f"/returns/{rid}/receive", json={"node_code": code}))
    ok(
        rest.post(
            f"/returns/{rid}/inspect",
            json={"lines": [{"sku": sku, "quantity": 1, "disposition": "RESTOCK"}]},
        )
    )
    ok(rest.post(f"/returns/{rid}/refund", json={}))
    ok(rest.post(f"/returns/{rid}/close"))
    closed = ok(rest.post(f"/orders/{oid}/close"))

    assert closed["status"] == "CLOSED"
    order_agrees(live, oid, closed["position"])
    stock_agrees(live, [sku], closed["position"])


def test_cancelling_or_rejecting_a_shipment_gives_the_node_its_daily_capacity_back(
    live: Live,
) -> None:
    rest = live.rest
    small, big, sku = unique("DC"), unique("DC"), unique("SKU")
    register(rest, small, at=UTRECHT, daily_capacity=1)
    register(rest, big, at=PARIS)
    receive(rest, small, sku, 10)
    receive(rest, big, sku, 10)

    first = place(rest, {sku: 1})
    assert [s["node_code"] for s in first["shipments"]] == [small]
    ok(rest.post(f"/orders/{first['order_id']}/cancel", json={"reason": "customer"}))

    second = place(rest, {sku: 1})
    assert [s["node_code"] for s in second["shipments"]] == [small]  # the slot came back
    sid = second["shipments"][0]["shipment_id"]
    rejected = ok(step(rest, second["order_id"], sid, "reject", {"reason": "damaged"}))
    assert {s["node_code"]: s["status"] for s in rejected["shipments"]} == {
        small: "REJECTED",
        big: "ALLOCATED",
    }

    third = place(rest, {sku: 1})
    assert [s["node_code"] for s in third["shipments"]] == [small]  # and again
    fourth = place(rest, {sku: 1})
    assert [s["node_code"] for s in fourth["shipments"]] == [big]  # now it is full

    for answer in (first, rejected, third, fourth):
        order_agrees(live, answer["order_id"], fourth["position"])
    stock_agrees(live, [sku], fourth["position"])


def test_a_store_return_at_a_node_without_returns_is_refused_at_authorisation(
    live: Live, stored
) -> None:
    rest = live.rest
    _, sku = stocked(live)
    store = unique("ST")
    register(rest, store, type_="STORE", capabilities=("SHIP", "PICKUP"))
    placed = place(rest, {sku: 1})
    oid = placed["order_id"]
    delivered = fulfil(rest, oid, placed["shipments"][0]["shipment_id"])
    body = {
        "order_id": oid,
        "lines": [{"sku": sku, "quantity": 1, "reason": "too big"}],
        "method": "STORE",
        "node_code": store,
    }

    problem_body = refused(stored, lambda: rest.post("/returns", json=body), 422)

    assert "does not take returns" in str(problem_body["detail"])
    order = order_agrees(live, oid, delivered["position"])
    assert order["status"] == "DELIVERED"


def test_an_address_change_re_sources_the_allocations_not_yet_picked(live: Live) -> None:
    rest = live.rest
    dutch, french, sku = unique("DC"), unique("DC"), unique("SKU")
    register(rest, dutch, at=ROTTERDAM)
    register(rest, french, at=PARIS)
    receive(rest, dutch, sku, 3)
    receive(rest, french, sku, 3)
    placed = place(rest, {sku: 2}, to=AMSTERDAM)
    assert [s["node_code"] for s in placed["shipments"]] == [dutch]

    moved = ok(rest.put(f"/orders/{placed['order_id']}/address", json=address(PARIS)))

    assert {s["node_code"]: s["status"] for s in moved["shipments"]} == {
        dutch: "CANCELLED",
        french: "ALLOCATED",
    }
    assert (
        live.server.oms.stock(dutch, sku).reserved,
        live.server.oms.stock(french, sku).reserved,
    ) == (0, 2)
    order = order_agrees(live, placed["order_id"], moved["position"])
    assert order["status"] == "ALLOCATED"
    stock_agrees(live, [sku], moved["position"])


def test_an_address_change_keeps_the_node_when_it_is_still_the_best(live: Live) -> None:
    rest = live.rest
    code, sku = stocked(live, quantity=2, at=UTRECHT)
    placed = place(rest, {sku: 2})

    moved = ok(rest.put(f"/orders/{placed['order_id']}/address", json=address(ROTTERDAM)))

    assert [(s["node_code"], s["status"]) for s in moved["shipments"]] == [
        (code, "CANCELLED"),
        (code, "ALLOCATED"),
    ]
    order_agrees(live, placed["order_id"], moved["position"])
    stock_agrees(live, [sku], moved["position"])


def test_a_line_for_a_sku_nobody_ever_stocked_is_refused(live: Live, stored) -> None:
    rest = live.rest
    _, sku = stocked(live)
    ghost = unique("GHOST")
    placed = place(rest, {sku: 1})

    body = refused(stored, lambda: rest.post("/orders", json=order_body({sku: 1, ghost: 1})), 422)
    assert ghost in str(body["detail"])
    refused(
        stored,
        lambda: rest.post(
            f"/orders/{placed['order_id']}/lines",
            json={"sku": ghost, "quantity": 1, "unit_price": "1.00"},
        ),
        422,
    )
    order_agrees(live, placed["order_id"], placed["position"])
