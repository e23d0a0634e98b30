"""Orders over HTTP: placement, idempotent retries, cancellation, holds, changes, payments."""

from __future__ import annotations

from collections.abc import Callable

import httpx

from tests.e2e.conftest import Server
from tests.e2e.helpers import (
    ROTTERDAM,
    UTRECHT,
    address,
    fulfil,
    near_and_far,
    ok,
    order_body,
    place,
    problem,
    receive,
    register,
    step,
    unique,
)


def test_placing_an_order_reserves_stock_at_the_nearest_node(
    client: httpx.Client, server: Server
) -> None:
    near, far, sku = near_and_far(client, 5)

    body = ok(client.post("/orders", json=order_body({sku: 2}, to=UTRECHT)), 201)

    assert body["status"] == "ALLOCATED"
    assert [(s["node_code"], s["lines"]) for s in body["shipments"]] == [
        (near, [{"sku": sku, "quantity": 2}])
    ]
    assert body["backorders"] == []
    assert server.oms.stock(near, sku).reserved == 2
    assert server.oms.stock(far, sku).reserved == 0


def test_what_no_node_holds_is_backordered(client: httpx.Client) -> None:
    code, held, missing = unique("DC"), unique("SKU"), unique("SKU")
    register(client, code)
    receive(client, code, held, 1)
    ok(client.put(f"/nodes/{code}/safety-stock/{missing}", json={"quantity": 0}))

    body = place(client, {held: 3, missing: 2})

    assert sorted((b["sku"], b["quantity"]) for b in body["backorders"]) == sorted(
        [(held, 2), (missing, 2)]
    )


def test_a_retried_place_order_with_the_same_idempotency_key_creates_one_order(
    client: httpx.Client, server: Server, stored_events: Callable[[], int]
) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 10)
    headers = {"Idempotency-Key": unique("key")}
    request = order_body({sku: 3})

    first = client.post("/orders", json=request, headers=headers)
    events_after_first = stored_events()
    retry = client.post("/orders", json=request, headers=headers)

    assert first.status_code == retry.status_code == 201
    assert retry.json() == first.json()
    assert stored_events() == events_after_first
    assert server.oms.stock(code, sku).reserved == 3  # reserved once, not twice


def test_the_same_idempotency_key_for_a_different_request_is_a_conflict(
    client: httpx.Client, stored_events: Callable[[], int]
) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 10)
    headers = {"Idempotency-Key": unique("key")}
    ok(client.post("/orders", json=order_body({sku: 1}), headers=headers), 201)
    before = stored_events()

    other = client.post("/orders", json=order_body({sku: 2}), headers=headers)

    problem(other, 409)
    assert stored_events() == before


def test_an_order_with_an_external_ref_is_placed_once_per_channel(
    client: httpx.Client, stored_events: Callable[[], int]
) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 10)
    request = order_body({sku: 1}, external_ref=unique("web"))

    first = ok(client.post("/orders", json=request), 201)
    before = stored_events()
    again = ok(client.post("/orders", json=request), 201)

    assert again == first
    assert stored_events() == before


def test_a_partial_cancellation_releases_only_the_cancelled_units(
    client: httpx.Client, server: Server
) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 10)
    order = place(client, {sku: 5})

    body = ok(
        client.post(
            f"/orders/{order['order_id']}/cancel",
            json={"reason": "customer", "lines": [{"sku": sku, "quantity": 2}]},
        )
    )

    assert body["status"] == "ALLOCATED"
    assert body["shipments"][0]["lines"] == [{"sku": sku, "quantity": 3}]
    assert server.oms.stock(code, sku).reserved == 3


def test_cancelling_the_whole_order_frees_all_its_stock(
    client: httpx.Client, server: Server
) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 10)
    order = place(client, {sku: 4})

    body = ok(client.post(f"/orders/{order['order_id']}/cancel", json={"reason": "fraud"}))

    assert body["status"] == "CANCELLED"
    assert server.oms.stock(code, sku).reserved == 0
    problem(client.post(f"/orders/{order['order_id']}/cancel", json={"reason": "again"}), 409)


def test_a_hold_stops_fulfilment_until_it_is_released(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 10)
    order = place(client, {sku: 1})
    oid, sid = order["order_id"], order["shipments"][0]["shipment_id"]

    held = ok(client.post(f"/orders/{oid}/holds", json={"type": "FRAUD", "reason": "check"}))
    blocked = step(client, oid, sid, "pick")
    released = ok(client.post(f"/orders/{oid}/holds/FRAUD/release"))

    assert held["status"] == "ON_HOLD"
    problem(blocked, 409)
    assert released["status"] == "ALLOCATED"
    ok(step(client, oid, sid, "pick"))


def test_releasing_a_hold_the_order_does_not_have_is_not_found(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 1)
    order = place(client, {sku: 1})

    problem(client.post(f"/orders/{order['order_id']}/holds/CREDIT/release"), 404)


def test_the_address_can_change_until_a_shipment_is_picked(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 10)
    oid = place(client, {sku: 1})["order_id"]

    moved = ok(client.put(f"/orders/{oid}/address", json=address(UTRECHT)))
    [sid] = [s["shipment_id"] for s in moved["shipments"] if s["status"] == "ALLOCATED"]
    ok(step(client, oid, sid, "pick"))

    problem(client.put(f"/orders/{oid}/address", json=address(ROTTERDAM)), 409)


def test_lines_added_or_raised_after_placement_are_sourced_and_lowered_ones_released(
    client: httpx.Client, server: Server
) -> None:
    code, first, second = unique("DC"), unique("SKU"), unique("SKU")
    register(client, code)
    receive(client, code, first, 10)
    receive(client, code, second, 10)
    oid = place(client, {first: 2})["order_id"]

    ok(
        client.post(
            f"/orders/{oid}/lines", json={"sku": second, "quantity": 3, "unit_price": "5.00"}
        )
    )
    ok(client.patch(f"/orders/{oid}/lines/{first}", json={"quantity": 5}))
    ok(client.patch(f"/orders/{oid}/lines/{second}", json={"quantity": 1}))

    assert server.oms.stock(code, first).reserved == 5
    assert server.oms.stock(code, second).reserved == 1
    problem(client.patch(f"/orders/{oid}/lines/{unique('SKU')}", json={"quantity": 1}), 404)


def test_a_payment_is_recorded_once_per_reference(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 1)
    oid = place(client, {sku: 1})["order_id"]
    payment = {"amount": "10.00", "method": "card", "reference": "PAY-1"}

    body = ok(client.post(f"/orders/{oid}/payments", json=payment))

    assert body["paid"] == "10.00"
    problem(client.post(f"/orders/{oid}/payments", json=payment), 409)


def test_a_delivered_order_can_be_closed_but_an_open_one_cannot(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 2)
    order = place(client, {sku: 1})
    oid = order["order_id"]

    problem(client.post(f"/orders/{oid}/close"), 409)
    fulfil(client, oid, order["shipments"][0]["shipment_id"])
    closed = ok(client.post(f"/orders/{oid}/close"))

    assert closed["status"] == "CLOSED"
