"""Buy online, pick up in store: the pickup node checked, and pickups not collected expire."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import AMSTERDAM, ok, order_body, problem, receive, register, step, unique
from tests.e2e.policy_wait import agrees_with_aggregates, order, status_becomes

__all__ = ["live"]


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
