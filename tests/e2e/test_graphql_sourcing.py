"""A rule change over REST decides the next order, and GraphQL explains the decision."""

from __future__ import annotations

from decimal import Decimal

from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import PARIS, ROTTERDAM, UTRECHT, ok, place, receive, register, unique

BOTH_GRAPHQL_PATHS = True  # with OMS_GRAPHQL_FAST_PATH on and off

__all__ = ["live"]

SOURCING = """
query($id: ID!) {
  order(id: $id) {
    sourcing {
      rulesVersion trigger rule chosen
      candidates { nodeCode score distanceKm excludedBy available { sku quantity } }
    }
  }
}
"""


def test_a_rule_change_moves_the_next_order_and_its_sourcing_names_why(live: Live) -> None:
    rest = live.rest
    near, cheap, store, sku = unique("DC"), unique("DC"), unique("ST"), unique("SKU")
    register(rest, near, at=UTRECHT, ship_cost="9.00")
    register(rest, cheap, at=PARIS, ship_cost="1.00")
    register(rest, store, at=ROTTERDAM, type_="STORE", capabilities=("SHIP", "PICKUP"))
    for code in (near, cheap, store):
        receive(rest, code, sku, 5)
    ok(rest.put("/sourcing/rules", json={}))
    before = place(rest, {sku: 1}, to=UTRECHT, channel="MARKETPLACE")

    version = ok(rest.put("/sourcing/rules", json={"weights": {"distance": 0, "cost": 1}}))
    after = place(rest, {sku: 1}, to=UTRECHT, channel="MARKETPLACE")

    assert [s["node_code"] for s in before["shipments"]] == [near]
    assert [s["node_code"] for s in after["shipments"]] == [cheap]
    read = live.read(SOURCING, {"id": after["order_id"]}, after=after["position"])
    [decision] = read["order"]["sourcing"]
    assert (decision["rulesVersion"], decision["trigger"]) == (version["version"], "PLACED")
    assert decision["chosen"] == [cheap]
    candidates = {c["nodeCode"]: c for c in decision["candidates"]}
    assert candidates[store]["excludedBy"] == "channel MARKETPLACE: node type STORE not allowed"
    assert candidates[near]["excludedBy"] is None
    assert candidates[cheap]["excludedBy"] is None
    assert Decimal(str(candidates[cheap]["score"])) < Decimal(str(candidates[near]["score"]))
    assert candidates[near]["available"] == [{"sku": sku, "quantity": 4}]  # 1 went before
    assert candidates[near]["distanceKm"] < candidates[cheap]["distanceKm"]


BY_CHANNEL = """
query($sku: String!) { stock(sku: $sku) { byChannel { channel available } } }
"""


def test_by_channel_counts_stock_by_the_same_channel_rules_sourcing_uses(live: Live) -> None:
    rest = live.rest
    dc, warehouse, sku = unique("DC"), unique("WH"), unique("SKU")
    register(rest, dc, at=PARIS)
    register(rest, warehouse, at=UTRECHT, type_="WAREHOUSE")
    receive(rest, dc, sku, 5)
    receive(rest, warehouse, sku, 4)
    market = {"MARKETPLACE": {"node_types": ["DC"], "buffer": 2}}
    changed = ok(rest.put("/sourcing/rules", json={"channels": market}))

    stock = live.read(BY_CHANNEL, {"sku": sku}, after=changed["position"])["stock"]
    placed = place(rest, {sku: 4}, to=UTRECHT, channel="MARKETPLACE")

    by_channel = {c["channel"]: c["available"] for c in stock["byChannel"]}
    assert (by_channel["MARKETPLACE"], by_channel["WEB"]) == (5 - 2, 5 + 4)
    assert [(s["node_code"], s["lines"][0]["quantity"]) for s in placed["shipments"]] == [(dc, 3)]
    assert placed["backorders"] == [{"sku": sku, "quantity": 1}]
    # The backordered unit cancelled: the arrival policy would allocate it under the rules
    # reset below (the warehouse then sells to every channel).
    one = {"reason": "not waiting", "lines": [{"sku": sku, "quantity": 1}]}
    ok(rest.post(f"/orders/{placed['order_id']}/cancel", json=one))
    reset = ok(rest.put("/sourcing/rules", json={}))
    after = live.read(BY_CHANNEL, {"sku": sku}, after=reset["position"])["stock"]
    assert {c["channel"]: c["available"] for c in after["byChannel"]}["MARKETPLACE"] == 2 + 4
