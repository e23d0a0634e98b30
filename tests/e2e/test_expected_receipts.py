"""Expected receipts over HTTP: in transit on the write side and in GraphQL until received."""

from __future__ import annotations

from tests.e2e.agreement import stock_agrees
from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import ok, order_body, place, problem, register, unique

__all__ = ["live"]

STOCK = """
query($sku: String!) {
  stock(sku: $sku) { onHand available inTransit byNode { nodeCode onHand inTransit } }
}
"""
DUE = "2026-12-07T09:00:00Z"
ORDER = "query($id: ID!) { order(id: $id) { status lines { sku backordered allocated } } }"


def test_expected_supply_is_in_transit_until_a_receipt_names_its_reference(live: Live) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    register(rest, dc)

    expected = ok(
        rest.post(
            f"/nodes/{dc}/expected-receipts",
            json={"sku": sku, "quantity": 8, "expected_at": DUE, "reference": "PO-77"},
        ),
        201,
    )
    during = live.read(STOCK, {"sku": sku}, after=expected["position"])["stock"]
    received = ok(
        rest.post(f"/nodes/{dc}/receipts", json={"sku": sku, "quantity": 8, "reference": "PO-77"})
    )
    after = live.read(STOCK, {"sku": sku}, after=received["position"])["stock"]

    assert expected["receipt_id"]
    assert expected["in_transit"] == 8
    assert (during["onHand"], during["available"], during["inTransit"]) == (0, 0, 8)
    assert during["byNode"] == [{"nodeCode": dc, "onHand": 0, "inTransit": 8}]
    assert (received["on_hand"], received["in_transit"]) == (8, 0)
    assert (after["onHand"], after["available"], after["inTransit"]) == (8, 8, 0)
    stock_agrees(live, [sku], received["position"])


def test_an_expected_receipt_needs_a_reference_a_zoned_date_and_a_known_node(live: Live) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    register(rest, dc)
    body = {"sku": sku, "quantity": 8, "expected_at": DUE, "reference": "PO-1"}

    problem(rest.post(f"/nodes/{dc}/expected-receipts", json={**body, "reference": ""}), 422)
    naive = {**body, "expected_at": "2026-12-07T09:00:00"}
    problem(rest.post(f"/nodes/{dc}/expected-receipts", json=naive), 422)
    problem(rest.post(f"/nodes/{dc}/expected-receipts", json={**body, "quantity": 0}), 422)
    problem(rest.post("/nodes/NOWHERE/expected-receipts", json=body), 404)
    ok(rest.post(f"/nodes/{dc}/expected-receipts", json=body), 201)
    problem(rest.post(f"/nodes/{dc}/expected-receipts", json=body), 409)


def test_an_order_for_a_sku_only_expected_waits_and_one_for_an_unknown_sku_is_refused(
    live: Live,
) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    register(rest, dc)
    body = {"sku": sku, "quantity": 5, "expected_at": DUE, "reference": "PO-3"}
    ok(rest.post(f"/nodes/{dc}/expected-receipts", json=body), 201)

    waiting = place(rest, {sku: 2})
    refused = problem(rest.post("/orders", json=order_body({unique("SKU"): 2})), 422)
    order = live.read(ORDER, {"id": waiting["order_id"]}, after=waiting["position"])["order"]

    assert (waiting["status"], waiting["backorders"]) == (
        "BACKORDERED",
        [{"sku": sku, "quantity": 2}],
    )
    assert "unknown SKU" in refused["detail"]
    assert order["status"] == "BACKORDERED"
    assert order["lines"] == [{"sku": sku, "backordered": 2, "allocated": 0}]
