"""A preorder: allocated on expected supply with a promised date, shipped after its receipt."""

from __future__ import annotations

from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import ok, place, problem, register, step, unique
from tests.e2e.policy_wait import agrees_with_aggregates, eventually, head, order

__all__ = ["live"]
BOTH_GRAPHQL_PATHS = True

PREORDER = """
query($id: ID!) {
  order(id: $id) { shipments { id nodeCode preorder promisedDate awaitingStock status } }
}
"""


def preorder_fields(live: Live, oid: str) -> list[dict[str, object]]:
    shipments: list[dict[str, object]] = live.read(PREORDER, {"id": oid}, after=head(live))[
        "order"
    ]["shipments"]
    return shipments


def test_a_preorder_is_promised_on_expected_supply_and_shipped_after_its_receipt(
    live: Live,
) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    ok(rest.put("/sourcing/rules", json={"preorder_in_transit": True}))
    register(rest, dc)
    receipt = {"sku": sku, "quantity": 2, "expected_at": "2026-12-14T08:00:00Z"}
    ok(rest.post(f"/nodes/{dc}/expected-receipts", json={**receipt, "reference": "PO-9"}), 201)

    placed = place(rest, {sku: 2})
    oid, [shipment] = placed["order_id"], placed["shipments"]
    sid = shipment["shipment_id"]
    assert placed["status"] == "ALLOCATED"
    assert shipment["node_code"] == dc
    assert (shipment["awaiting_stock"], shipment["promised_date"]) == ([sku], "2026-12-14")
    assert "waits for its stock" in problem(step(rest, oid, sid, "pick"), 409)["detail"]
    agrees_with_aggregates(live, oid, sku)
    assert preorder_fields(live, oid) == [
        {
            "id": sid,
            "nodeCode": dc,
            "preorder": True,
            "promisedDate": "2026-12-14",
            "awaitingStock": [sku],
            "status": "ALLOCATED",
        }
    ]

    ok(rest.post(f"/nodes/{dc}/receipts", json={"sku": sku, "quantity": 2, "reference": "PO-9"}))
    eventually(lambda: step(rest, oid, sid, "pick").status_code == 200)
    ok(step(rest, oid, sid, "pack"))
    ok(step(rest, oid, sid, "ship", {"carrier": "DHL"}))

    shipped = order(live, oid)
    assert shipped["status"] == "SHIPPED"
    [read] = preorder_fields(live, oid)
    assert (read["preorder"], read["promisedDate"], read["awaitingStock"]) == (
        True,
        "2026-12-14",
        [],
    )
    assert shipped["timeline"][1]["detail"] == (
        f"Allocated to {dc} (2 units, preordered, expected 2026-12-14)"
    )
    assert [t["type"] for t in shipped["timeline"]][:3] == [
        "Placed",
        "Allocated",
        "PreorderArrived",
    ]
    agrees_with_aggregates(live, oid, sku)
    stock = live.server.oms.stock(dc, sku)
    assert (stock.on_hand, stock.reserved, stock.preordered, stock.in_transit) == (0, 0, 0, 0)


def test_a_ship_together_kit_partly_in_transit_is_preordered_whole_at_one_node(
    live: Live,
) -> None:
    rest, dc, kit, body, lens = live.rest, unique("DC"), unique("KIT"), unique("B"), unique("L")
    ok(rest.put("/sourcing/rules", json={"preorder_in_transit": True}))
    register(rest, dc)
    ok(rest.post(f"/nodes/{dc}/receipts", json={"sku": body, "quantity": 1}))
    receipt = {"sku": lens, "quantity": 2, "expected_at": "2026-12-20T08:00:00Z"}
    ok(rest.post(f"/nodes/{dc}/expected-receipts", json={**receipt, "reference": "PO-K"}), 201)
    parts = [{"sku": body, "quantity": 1}, {"sku": lens, "quantity": 2}]
    ok(rest.put(f"/kits/{kit}", json={"components": parts, "ship_together": True}))

    placed = place(rest, {kit: 1})

    [shipment] = placed["shipments"]
    assert (placed["status"], shipment["node_code"]) == ("ALLOCATED", dc)
    assert (shipment["awaiting_stock"], shipment["promised_date"]) == ([lens], "2026-12-20")
    [read] = preorder_fields(live, placed["order_id"])
    assert (read["preorder"], read["promisedDate"], read["awaitingStock"]) == (
        True,
        "2026-12-20",
        [lens],
    )
    for sku in (body, lens):
        agrees_with_aggregates(live, placed["order_id"], sku)
