"""Backorders allocated when stock arrives, through REST, read back through GraphQL."""

from __future__ import annotations

from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import UTRECHT, ok, place, receive, register, unique
from tests.e2e.policy_wait import agrees_with_aggregates, order, status_becomes

__all__ = ["live"]


def test_a_receipt_covering_two_of_three_backorders_allocates_the_two_oldest(live: Live) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    register(rest, dc, at=UTRECHT)
    count = {"sku": sku, "counted_quantity": 0, "reason": "none yet"}
    ok(rest.post(f"/nodes/{dc}/adjustments", json=count))  # a SKU the network knows
    orders = [place(rest, {sku: 1})["order_id"] for _ in range(3)]
    assert [order(live, oid)["status"] for oid in orders] == ["BACKORDERED"] * 3

    receive(rest, dc, sku, 2)

    first, second = (status_becomes(live, oid, "ALLOCATED") for oid in orders[:2])
    third = order(live, orders[2])
    assert third["status"] == "BACKORDERED"
    assert [ln["backordered"] for ln in third["lines"]] == [1]
    assert first["shipments"][0]["nodeCode"] == second["shipments"][0]["nodeCode"] == dc
    why = first["timeline"][-1]
    assert why["type"] == "Allocated"
    # The policy names the receipt, unless it read the last backorder just before the
    # receipt was stored and acted on it after (tests/application covers both reasons).
    reasons = (f"stock arrived at {dc}: 2 received", "stock available when it was backordered")
    assert why["detail"] in {f"Allocated to {dc} (1 unit) ({reason})" for reason in reasons}
    for oid in orders:
        agrees_with_aggregates(live, oid, sku)


def test_a_cancelled_order_gives_its_stock_to_the_order_waiting_for_it(live: Live) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    register(rest, dc, at=UTRECHT)
    receive(rest, dc, sku, 1)
    holder = place(rest, {sku: 1})["order_id"]
    waiting = place(rest, {sku: 1})["order_id"]

    ok(rest.post(f"/orders/{holder}/cancel", json={"reason": "customer changed mind"}))

    status_becomes(live, waiting, "ALLOCATED")
    agrees_with_aggregates(live, waiting, sku)
    agrees_with_aggregates(live, holder, sku)
