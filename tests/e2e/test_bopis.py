"""Buy online, pick up in store: the pickup node checked, and pickups not collected expire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any
from uuid import UUID

from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import (
    AMSTERDAM,
    UTRECHT,
    ok,
    order_body,
    problem,
    receive,
    register,
    step,
    unique,
)
from tests.e2e.policy_wait import agrees_with_aggregates, head, order, status_becomes

__all__ = ["live"]
BOTH_GRAPHQL_PATHS = True  # with OMS_GRAPHQL_FAST_PATH on and off


def test_a_pickup_order_must_name_an_active_node_that_hands_over_orders(live: Live) -> None:
    rest, dc, closed, sku = live.rest, unique("DC"), unique("ST"), unique("SKU")
    register(rest, dc)
    register(rest, closed, type_="STORE", capabilities=("PICKUP",))
    ok(rest.put(f"/nodes/{closed}/status", json={"active": False}))
    receive(rest, dc, sku, 5)
    head = live.server.oms.head()

    for node, why in (
        ("NOWHERE", "does not exist"),
        (dc, "does not hand over"),
        (closed, "is inactive"),
    ):
        found = problem(rest.post("/orders", json=order_body({sku: 1}, pickup_node=node)), 422)
        assert why in found["detail"]

    assert live.server.oms.head() == head


def test_a_pickup_not_collected_in_time_is_cancelled_and_its_stock_released(live: Live) -> None:
    rest, store, sku = live.rest, unique("ST"), unique("SKU")
    register(rest, store, at=AMSTERDAM, type_="STORE", capabilities=("PICKUP",))
    receive(rest, store, sku, 1)
    placed = ok(rest.post("/orders", json=order_body({sku: 1}, pickup_node=store)), 201)
    oid, sid = placed["order_id"], placed["shipments"][0]["shipment_id"]
    ok(step(rest, oid, sid, "pick"))
    ok(step(rest, oid, sid, "ready-for-pickup"))
    assert order(live, oid)["status"] == "READY_FOR_PICKUP"

    later, clock = datetime.now(UTC) + timedelta(days=6), live.server.oms.clock
    live.server.oms.clock = lambda: later
    try:
        cancelled = status_becomes(live, oid, "CANCELLED")
    finally:
        live.server.oms.clock = clock

    assert cancelled["timeline"][-1]["detail"] == (
        "Cancelled 1 x " + sku + ": not collected within 5 days of being ready for pickup"
    )
    agrees_with_aggregates(live, oid, sku)
    assert live.server.oms.stock(store, sku).available == 1


SHIPMENTS = """
query($id: ID!) {
  order(id: $id) {
    status
    shipments { id nodeCode type transferFrom transferTo status awaitingStock preorder }
    timeline { detail }
  }
}
"""


def bopis_by_transfer(live: Live) -> tuple[str, str, str, str, str]:
    """A store without the SKU, a DC with 4: a pickup order of 2 at the store, served by a
    TRANSFER from the DC; (dc, store, sku, order id, shipment id)."""
    rest, dc, store, sku = live.rest, unique("DC"), unique("ST"), unique("SKU")
    register(rest, dc, at=UTRECHT)
    register(rest, store, at=AMSTERDAM, type_="STORE", capabilities=("PICKUP",))
    receive(rest, dc, sku, 4)
    placed = ok(rest.post("/orders", json=order_body({sku: 2}, pickup_node=store)), 201)
    [shipment] = placed["shipments"]
    assert (shipment["node_code"], shipment["type"], shipment["transfer_to"]) == (
        dc,
        "TRANSFER",
        store,
    )
    return dc, store, sku, placed["order_id"], shipment["shipment_id"]


def send(live: Live, oid: str, sid: str) -> None:
    for name, body in (("pick", None), ("pack", None), ("ship", {"carrier": "DHL"})):
        ok(step(live.rest, oid, sid, name, body))


def shipments(live: Live, oid: str) -> dict[str, Any]:
    found: dict[str, Any] = live.read(SHIPMENTS, {"id": oid}, after=head(live))["order"]
    return found


def test_a_store_without_the_stock_is_served_by_a_transfer_ready_on_arrival(live: Live) -> None:
    dc, store, sku, oid, sid = bopis_by_transfer(live)
    ok(step(live.rest, oid, sid, "pick"))
    refused = problem(step(live.rest, oid, sid, "ready-for-pickup"), 409)
    assert "is ready when it reaches its pickup store" in refused["detail"]
    ok(step(live.rest, oid, sid, "pack"))
    ok(step(live.rest, oid, sid, "ship", {"carrier": "DHL"}))

    in_transit = shipments(live, oid)
    assert in_transit["status"] == "SHIPPED"
    assert in_transit["shipments"] == [
        {
            "id": sid,
            "nodeCode": dc,
            "type": "TRANSFER",
            "transferFrom": dc,
            "transferTo": store,
            "status": "SHIPPED",
            "awaitingStock": [sku],
            "preorder": False,
        }
    ]
    agrees_with_aggregates(live, oid, sku)
    held = live.server.oms.stock(store, sku)
    assert (held.in_transit, held.preordered, held.available) == (2, 2, 0)

    ok(live.rest.post(f"/nodes/{store}/transfers/{sid}/receive", json={"sku": sku}))

    ready = shipments(live, oid)
    assert ready["status"] == "READY_FOR_PICKUP"
    [arrived] = ready["shipments"]
    assert (arrived["nodeCode"], arrived["status"], arrived["awaitingStock"]) == (
        store,
        "READY_FOR_PICKUP",
        [],
    )
    assert ready["timeline"][-1]["detail"] == (
        f"Transfer arrived at {store}: ready for pickup (2 units)"
    )
    agrees_with_aggregates(live, oid, sku)

    ok(step(live.rest, oid, sid, "collect"))

    assert order(live, oid)["status"] == "DELIVERED"
    agrees_with_aggregates(live, oid, sku)
    at_store, at_dc = live.server.oms.stock(store, sku), live.server.oms.stock(dc, sku)
    assert (at_store.on_hand, at_store.reserved, at_dc.on_hand, at_dc.reserved) == (0, 0, 2, 0)
    assert len(live.server.oms.order(UUID(oid)).invoices) == 1


def test_cancelling_a_pickup_order_on_its_way_by_transfer_releases_everything(
    live: Live,
) -> None:
    dc, store, sku, oid, sid = bopis_by_transfer(live)
    send(live, oid, sid)

    ok(live.rest.post(f"/orders/{oid}/cancel", json={"reason": "changed my mind"}))

    assert order(live, oid)["status"] == "CANCELLED"
    agrees_with_aggregates(live, oid, sku)
    ok(live.rest.post(f"/nodes/{store}/transfers/{sid}/receive", json={"sku": sku}))
    agrees_with_aggregates(live, oid, sku)
    oms = live.server.oms
    assert (oms.stock(store, sku).available, oms.stock(dc, sku).available) == (2, 2)
    assert (oms.stock(store, sku).preordered, oms.stock(dc, sku).reserved) == (0, 0)


def test_a_pickup_by_transfer_not_collected_in_time_is_cancelled_and_released(
    live: Live,
) -> None:
    _, store, sku, oid, sid = bopis_by_transfer(live)
    send(live, oid, sid)
    ok(live.rest.post(f"/nodes/{store}/transfers/{sid}/receive", json={"sku": sku}))
    assert order(live, oid)["status"] == "READY_FOR_PICKUP"

    later, clock = datetime.now(UTC) + timedelta(days=6), live.server.oms.clock
    live.server.oms.clock = lambda: later
    try:
        status_becomes(live, oid, "CANCELLED")
    finally:
        live.server.oms.clock = clock

    agrees_with_aggregates(live, oid, sku)
    assert live.server.oms.stock(store, sku).available == 2
