"""Orders placed and fulfilled through REST, followed through GraphQL with a real client."""

from __future__ import annotations

from typing import Any

from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import AMSTERDAM, UTRECHT, ok, place, receive, register, step, unique

BOTH_GRAPHQL_PATHS = True  # with OMS_GRAPHQL_FAST_PATH on and off

__all__ = ["live"]

ORDER = """
query($id: ID!) {
  order(id: $id) {
    id status total
    lines { sku quantity allocated shipped delivered returned }
    shipments { id nodeCode status carrier trackingNumber lines { sku quantity } }
    timeline { type version }
    returns { id status lines { sku quantity disposition } }
  }
}
"""
STOCK = """
query($sku: String!) {
  stock(sku: $sku) {
    onHand reserved available
    byNode { nodeCode nodeType onHand reserved available }
    byChannel { channel available }
  }
}
"""


def test_an_order_is_followed_from_placement_through_delivery_and_a_return(live: Live) -> None:
    rest = live.rest
    dc, store, sku, other = unique("DC"), unique("ST"), unique("SKU"), unique("SKU")
    register(rest, dc, at=UTRECHT)
    register(rest, store, at=AMSTERDAM, type_="STORE", capabilities=("SHIP", "PICKUP"))
    receive(rest, dc, sku, 5)
    receive(rest, dc, other, 5)
    last = receive(rest, store, sku, 3)["position"]
    before = live.read(STOCK, {"sku": sku}, after=last)["stock"]
    assert (before["onHand"], before["reserved"], before["available"]) == (8, 0, 8)

    placed = place(rest, {sku: 2, other: 1}, to=UTRECHT)
    oid = placed["order_id"]
    [shipment] = placed["shipments"]
    sid = shipment["shipment_id"]
    order = live.read(ORDER, {"id": oid}, after=placed["position"])["order"]
    assert (order["id"], order["status"], order["total"]) == (oid, "ALLOCATED", "30.00")
    assert [s["status"] for s in order["shipments"]] == ["ALLOCATED"]
    assert order["shipments"][0]["nodeCode"] == shipment["node_code"] == dc

    statuses = []
    for name, body in (
        ("pick", None),
        ("pack", None),
        ("ship", {"carrier": "DHL", "tracking_number": "JD0001"}),
        ("deliver", None),
    ):
        position = ok(step(rest, oid, sid, name, body))["position"]
        order = live.read(ORDER, {"id": oid}, after=position)["order"]
        statuses.append((order["status"], order["shipments"][0]["status"]))
    assert statuses == [
        ("ALLOCATED", "PICKED"),
        ("ALLOCATED", "PACKED"),
        ("SHIPPED", "SHIPPED"),
        ("DELIVERED", "DELIVERED"),
    ]
    [delivered] = order["shipments"]
    assert (delivered["carrier"], delivered["trackingNumber"]) == ("DHL", "JD0001")
    carried = {line["sku"]: line["quantity"] for line in delivered["lines"]}
    assert carried == {sku: 2, other: 1}
    assert [t["type"] for t in order["timeline"]][:2] == ["Placed", "Allocated"]
    assert len(order["timeline"]) == order["timeline"][-1]["version"]

    rid = ok(
        rest.post(
            "/returns",
            json={
                "order_id": oid,
                "method": "MAIL",
                "lines": [{"sku": sku, "quantity": 1, "reason": "damaged"}],
            },
        ),
        201,
    )["return_id"]
    ok(rest.post(f"/returns/{rid}/receive", json={"node_code": dc}))
    last = ok(
        rest.post(
            f"/returns/{rid}/inspect",
            json={"lines": [{"sku": sku, "quantity": 1, "disposition": "RESTOCK"}]},
        )
    )["position"]
    order = live.read(ORDER, {"id": oid}, after=last)["order"]
    assert order["returns"] == [
        {
            "id": rid,
            "status": "INSPECTED",
            "lines": [{"sku": sku, "quantity": 1, "disposition": "RESTOCK"}],
        }
    ]

    after = live.read(STOCK, {"sku": sku}, after=last)["stock"]
    by_node = {n["nodeCode"]: n for n in after["byNode"]}
    assert (by_node[dc]["onHand"], by_node[dc]["reserved"]) == (5 - 2 + 1, 0)
    assert (by_node[store]["nodeType"], by_node[store]["onHand"]) == ("STORE", 3)
    assert after["available"] == 7
    channels = {c["channel"]: c["available"] for c in after["byChannel"]}
    assert (channels["WEB"], channels["STORE"], channels["MARKETPLACE"]) == (7, 3, 4)


def test_orders_are_listed_and_filtered_by_sku_with_cursor_pagination(live: Live) -> None:
    rest = live.rest
    dc, sku = unique("DC"), unique("SKU")
    register(rest, dc)
    receive(rest, dc, sku, 10)
    ids = [place(rest, {sku: 1}) for _ in range(3)]
    query = """query($sku: String, $after: String) {
        orders(filter: {sku: $sku}, first: 2, after: $after) {
          totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }"""
    first = live.read(query, {"sku": sku}, after=ids[-1]["position"])["orders"]
    second = live.read(query, {"sku": sku, "after": first["pageInfo"]["endCursor"]})["orders"]
    assert first["totalCount"] == 3
    found: list[Any] = [e["node"]["id"] for e in first["edges"] + second["edges"]]
    assert found == [answer["order_id"] for answer in reversed(ids)]
    assert (first["pageInfo"]["hasNextPage"], second["pageInfo"]["hasNextPage"]) == (True, False)


def test_the_store_finder_gives_pickup_stores_with_enough_stock_nearest_first(
    live: Live,
) -> None:
    rest = live.rest
    sku = unique("SKU")
    near, far, no_pickup, low = (unique(p) for p in ("NEAR", "FAR", "SHIPONLY", "LOW"))
    register(rest, near, at=AMSTERDAM, type_="STORE", capabilities=("PICKUP",))
    register(rest, far, at=UTRECHT, type_="STORE", capabilities=("PICKUP", "SHIP"))
    register(rest, no_pickup, at=AMSTERDAM, type_="STORE", capabilities=("SHIP",))
    register(rest, low, at=AMSTERDAM, type_="STORE", capabilities=("PICKUP",))
    for code, units in ((near, 4), (far, 4), (no_pickup, 9), (low, 1)):
        last = receive(rest, code, sku, units)["position"]

    found = live.read(
        """query($sku: String!) {
        availability(sku: $sku, quantity: 2, near: {lat: 52.36, lon: 4.88}, radiusKm: 100) {
          nodeCode available distanceKm node { type capabilities } } }""",
        {"sku": sku},
        after=last,
    )["availability"]

    assert [f["nodeCode"] for f in found] == [near, far]
    assert found[0]["distanceKm"] < found[1]["distanceKm"]
    assert all("PICKUP" in f["node"]["capabilities"] for f in found)
