"""Shipment steps over HTTP, and one whole omnichannel journey."""

from __future__ import annotations

import httpx

from tests.e2e.conftest import Server
from tests.e2e.helpers import (
    AMSTERDAM,
    UTRECHT,
    fulfil,
    near_and_far,
    ok,
    place,
    problem,
    receive,
    register,
    shipment_on,
    step,
    unique,
)


def test_a_shipment_is_picked_packed_shipped_and_delivered(
    client: httpx.Client, server: Server
) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 5)
    order = place(client, {sku: 2})
    oid, sid = order["order_id"], order["shipments"][0]["shipment_id"]

    ok(step(client, oid, sid, "pick"))
    ok(step(client, oid, sid, "pack"))
    shipped = ok(step(client, oid, sid, "ship", {"carrier": "DHL", "tracking_number": "JD1"}))
    stock_after_ship = server.oms.stock(code, sku)
    delivered = ok(step(client, oid, sid, "deliver"))

    assert shipped["status"] == "SHIPPED"
    assert shipped["shipments"][0]["carrier"] == "DHL"
    assert shipped["shipments"][0]["tracking_number"] == "JD1"
    assert (stock_after_ship.on_hand, stock_after_ship.reserved) == (3, 0)
    assert delivered["status"] == "DELIVERED"
    assert delivered["shipments"][0]["status"] == "DELIVERED"


def test_a_shipment_without_a_tracking_number_gets_one(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 1)
    order = place(client, {sku: 1})
    oid, sid = order["order_id"], order["shipments"][0]["shipment_id"]
    ok(step(client, oid, sid, "pick"))
    ok(step(client, oid, sid, "pack"))

    shipped = ok(step(client, oid, sid, "ship", {"carrier": "UPS"}))

    assert shipped["shipments"][0]["tracking_number"]


def test_a_step_out_of_order_is_a_conflict(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 1)
    order = place(client, {sku: 1})
    oid, sid = order["order_id"], order["shipments"][0]["shipment_id"]

    problem(step(client, oid, sid, "pack"), 409)
    problem(step(client, oid, sid, "deliver"), 409)


def test_shipping_needs_a_carrier(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 1)
    order = place(client, {sku: 1})
    oid, sid = order["order_id"], order["shipments"][0]["shipment_id"]

    problem(step(client, oid, sid, "ship"), 422)


def test_an_unknown_step_is_not_a_route(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 1)
    order = place(client, {sku: 1})

    problem(step(client, order["order_id"], order["shipments"][0]["shipment_id"], "teleport"), 404)


def test_a_rejected_shipment_is_re_sourced_at_another_node(
    client: httpx.Client, server: Server
) -> None:
    near, far, sku = near_and_far(client, 5)
    order = place(client, {sku: 2}, to=UTRECHT)
    rejected = shipment_on(order, near)

    body = ok(
        client.post(
            f"/orders/{order['order_id']}/shipments/{rejected['shipment_id']}/reject",
            json={"reason": "damaged in the bin"},
        )
    )

    assert shipment_on(body, near)["status"] == "REJECTED"
    assert shipment_on(body, far)["status"] == "ALLOCATED"
    assert body["status"] == "ALLOCATED"
    assert server.oms.stock(near, sku).reserved == 0
    assert server.oms.stock(far, sku).reserved == 2


def test_a_pickup_order_is_made_ready_and_collected_at_the_store(
    client: httpx.Client, server: Server
) -> None:
    store, sku = unique("ST"), unique("SKU")
    register(client, store, type_="STORE", capabilities=("PICKUP", "RETURNS"))
    receive(client, store, sku, 3)
    order = place(client, {sku: 1}, pickup_node=store)
    oid, sid = order["order_id"], order["shipments"][0]["shipment_id"]

    ok(step(client, oid, sid, "pick"))
    problem(step(client, oid, sid, "ship", {"carrier": "DHL"}), 409)
    ready = ok(step(client, oid, sid, "ready-for-pickup"))
    collected = ok(step(client, oid, sid, "collect"))

    assert order["shipments"][0]["node_code"] == store
    assert ready["status"] == "READY_FOR_PICKUP"
    assert collected["status"] == "DELIVERED"
    assert server.oms.stock(store, sku).on_hand == 2


def test_an_omnichannel_journey_end_to_end(client: httpx.Client, server: Server) -> None:
    dc, store = unique("DC"), unique("ST")
    shoe, shirt = unique("SHOE"), unique("SHIRT")
    register(client, dc, at=UTRECHT)
    register(client, store, at=AMSTERDAM, type_="STORE", capabilities=("SHIP", "PICKUP", "RETURNS"))
    for node, qty in ((dc, 10), (store, 2)):
        receive(client, node, shoe, qty)
    receive(client, dc, shirt, 10)

    # A web order shipped from the DC, one unit cancelled before picking.
    order = place(client, {shoe: 3, shirt: 1}, to=UTRECHT)
    oid = order["order_id"]
    shipment = shipment_on(order, dc)
    cancelled = ok(
        client.post(
            f"/orders/{oid}/cancel",
            json={"reason": "changed mind", "lines": [{"sku": shoe, "quantity": 1}]},
        )
    )
    assert {ln["sku"]: ln["quantity"] for ln in shipment_on(cancelled, dc)["lines"]} == {
        shoe: 2,
        shirt: 1,
    }
    delivered = fulfil(client, oid, shipment["shipment_id"])
    assert delivered["status"] == "DELIVERED"

    # A second order: the DC rejects it, the store ships it instead (ship from store).
    second = place(client, {shoe: 1}, to=UTRECHT)
    resourced = ok(
        client.post(
            f"/orders/{second['order_id']}/shipments/"
            f"{shipment_on(second, dc)['shipment_id']}/reject",
            json={"reason": "no staff"},
        )
    )
    assert shipment_on(resourced, store)["status"] == "ALLOCATED"

    # Buy online, pick up in store.
    bopis = place(client, {shoe: 1}, pickup_node=store)
    sid = bopis["shipments"][0]["shipment_id"]
    for name in ("pick", "ready-for-pickup", "collect"):
        answer = ok(step(client, bopis["order_id"], sid, name))
    assert answer["status"] == "DELIVERED"
    store_on_hand = server.oms.stock(store, shoe).on_hand

    # Buy online, return in store: the restocked shoe is back on the store's shelf.
    ret = ok(
        client.post(
            "/returns",
            json={
                "order_id": oid,
                "method": "STORE",
                "node_code": store,
                "lines": [{"sku": shoe, "quantity": 1, "reason": "too small"}],
            },
        ),
        201,
    )
    ok(client.post(f"/returns/{ret['return_id']}/receive", json={"node_code": store}))
    inspected = ok(
        client.post(
            f"/returns/{ret['return_id']}/inspect",
            json={
                "lines": [{"sku": shoe, "quantity": 1, "disposition": "RESTOCK"}],
            },
        )
    )
    refunded = ok(client.post(f"/returns/{ret['return_id']}/refund", json={}))

    assert inspected["status"] == "INSPECTED"
    assert server.oms.stock(store, shoe).on_hand == store_on_hand + 1
    assert refunded["refunded"] == "10.00"
    assert refunded["position"] > inspected["position"] > ret["position"]
