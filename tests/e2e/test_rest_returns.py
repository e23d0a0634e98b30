"""Returns over HTTP: authorise, receive, inspect, refund or exchange, close, cancel."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from tests.e2e.conftest import Server
from tests.e2e.helpers import fulfil, ok, place, problem, receive, register, unique


def delivered_order(client: httpx.Client, quantity: int = 2) -> tuple[str, str, str]:
    """A node taking returns, a SKU, and an order of `quantity` units delivered from it."""
    code, sku = unique("DC"), unique("SKU")
    register(client, code, capabilities=("SHIP", "RETURNS"))
    receive(client, code, sku, 10)
    order = place(client, {sku: quantity})
    fulfil(client, order["order_id"], order["shipments"][0]["shipment_id"])
    return order["order_id"], code, sku


def return_body(order_id: str, sku: str, quantity: int = 1, **extra: Any) -> dict[str, Any]:
    return {
        "order_id": order_id,
        "method": "MAIL",
        "lines": [{"sku": sku, "quantity": quantity, "reason": "does not fit"}],
        **extra,
    }


def test_a_mail_return_is_authorised_with_a_label(client: httpx.Client) -> None:
    oid, _, sku = delivered_order(client)

    body = ok(client.post("/returns", json=return_body(oid, sku)), 201)

    assert body["status"] == "AUTHORIZED"
    assert body["label"]["carrier"]
    assert body["label"]["tracking_number"]


def test_an_in_store_return_needs_a_known_node(client: httpx.Client) -> None:
    oid, _, sku = delivered_order(client)

    problem(client.post("/returns", json=return_body(oid, sku, method="STORE")), 422)
    problem(
        client.post("/returns", json=return_body(oid, sku, method="STORE", node_code="NOWHERE")),
        404,
    )


def test_restocked_units_are_back_on_hand_and_scrapped_ones_are_not(
    client: httpx.Client, server: Server
) -> None:
    oid, code, sku = delivered_order(client, quantity=3)
    on_hand = server.oms.stock(code, sku).on_hand
    ret = ok(client.post("/returns", json=return_body(oid, sku, quantity=3)), 201)
    rid = ret["return_id"]

    received = ok(client.post(f"/returns/{rid}/receive", json={"node_code": code}))
    ok(
        client.post(
            f"/returns/{rid}/inspect",
            json={
                "lines": [
                    {"sku": sku, "quantity": 2, "disposition": "RESTOCK"},
                    {"sku": sku, "quantity": 1, "disposition": "SCRAP"},
                ]
            },
        )
    )

    assert received["status"] == "RECEIVED"
    assert server.oms.stock(code, sku).on_hand == on_hand + 2


def test_an_inspection_must_account_for_every_returned_unit(client: httpx.Client) -> None:
    oid, code, sku = delivered_order(client)
    rid = ok(client.post("/returns", json=return_body(oid, sku, quantity=2)), 201)["return_id"]
    ok(client.post(f"/returns/{rid}/receive", json={"node_code": code}))

    short = {"lines": [{"sku": sku, "quantity": 1, "disposition": "RESTOCK"}]}
    problem(client.post(f"/returns/{rid}/inspect", json=short), 422)


def test_a_refunded_return_can_be_closed(client: httpx.Client) -> None:
    oid, code, sku = delivered_order(client)
    rid = ok(client.post("/returns", json=return_body(oid, sku)), 201)["return_id"]
    ok(client.post(f"/returns/{rid}/receive", json={"node_code": code}))
    problem(client.post(f"/returns/{rid}/close"), 409)
    ok(
        client.post(
            f"/returns/{rid}/inspect",
            json={"lines": [{"sku": sku, "quantity": 1, "disposition": "REFURBISH"}]},
        )
    )

    refunded = ok(client.post(f"/returns/{rid}/refund", json={"amount": "7.50"}))
    closed = ok(client.post(f"/returns/{rid}/close"))

    assert (refunded["status"], refunded["refunded"]) == ("REFUNDED", "7.50")
    assert closed["status"] == "CLOSED"


def test_a_refund_above_the_returned_goods_value_is_invalid(client: httpx.Client) -> None:
    oid, code, sku = delivered_order(client)
    rid = ok(client.post("/returns", json=return_body(oid, sku)), 201)["return_id"]
    ok(client.post(f"/returns/{rid}/receive", json={"node_code": code}))
    ok(
        client.post(
            f"/returns/{rid}/inspect",
            json={"lines": [{"sku": sku, "quantity": 1, "disposition": "SCRAP"}]},
        )
    )

    problem(client.post(f"/returns/{rid}/refund", json={"amount": "10.01"}), 422)


def test_an_exchange_places_a_replacement_order_at_no_charge(client: httpx.Client) -> None:
    oid, code, sku = delivered_order(client)
    rid = ok(client.post("/returns", json=return_body(oid, sku)), 201)["return_id"]
    ok(client.post(f"/returns/{rid}/receive", json={"node_code": code}))
    ok(
        client.post(
            f"/returns/{rid}/inspect",
            json={"lines": [{"sku": sku, "quantity": 1, "disposition": "RESTOCK"}]},
        )
    )

    body = ok(
        client.post(f"/returns/{rid}/exchange", json={"lines": [{"sku": sku, "quantity": 1}]})
    )

    assert body["status"] == "EXCHANGED"
    assert body["exchange_order_id"] == body["exchange_order"]["order_id"]
    assert body["exchange_order"]["shipments"][0]["node_code"] == code


def test_a_cancelled_return_frees_its_units_for_another_return(client: httpx.Client) -> None:
    oid, _, sku = delivered_order(client, quantity=1)
    rid = ok(client.post("/returns", json=return_body(oid, sku)), 201)["return_id"]
    problem(client.post("/returns", json=return_body(oid, sku)), 409)

    cancelled = ok(client.post(f"/returns/{rid}/cancel", json={"reason": "kept it"}))

    assert cancelled["status"] == "CANCELLED"
    ok(client.post("/returns", json=return_body(oid, sku)), 201)


def test_returning_more_than_was_delivered_is_refused_and_stores_nothing(
    client: httpx.Client, stored_events: Callable[[], int]
) -> None:
    oid, _, sku = delivered_order(client, quantity=2)
    before = stored_events()

    body = problem(client.post("/returns", json=return_body(oid, sku, quantity=3)), 409)

    assert "cannot return 3" in body["detail"]
    assert stored_events() == before


def test_goods_that_were_never_delivered_cannot_be_returned(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 1)
    oid = place(client, {sku: 1})["order_id"]

    problem(client.post("/returns", json=return_body(oid, sku)), 409)
