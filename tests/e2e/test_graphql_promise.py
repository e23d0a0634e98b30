"""GraphQL `promise(...)` runs the engine behind `POST /promise`, through a real client."""

from __future__ import annotations

from datetime import date
from typing import Any

from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import (
    AMSTERDAM,
    PARIS,
    UTRECHT,
    address,
    ok,
    place,
    receive,
    register,
    unique,
)

BOTH_GRAPHQL_PATHS = True  # with OMS_GRAPHQL_FAST_PATH on and off

__all__ = ["live"]

PROMISE = """
query($channel: Channel!, $delivery: DeliveryInput!, $lines: [SkuQuantityInput!]!,
      $requestedDate: Date) {
  promise(channel: $channel, delivery: $delivery, lines: $lines, requestedDate: $requestedDate) {
    shipments { nodeCode lines { sku quantity } shipDate deliveryDate type transferTo }
    backorders { sku quantity }
    onTime
    rulesVersion
    explanation {
      rule trigger chosen score
      candidates { nodeCode score distanceKm excludedBy available { sku quantity } }
      transfers { to chosen candidates { nodeCode distanceKm } }
    }
  }
}
"""


def graphql_delivery(at: tuple[float, float]) -> dict[str, Any]:
    shipped_to = address(at)
    return {
        "method": "SHIP",
        "address": {
            "line1": shipped_to["line1"],
            "city": shipped_to["city"],
            "postalCode": shipped_to["postal_code"],
            "country": shipped_to["country"],
            "lat": shipped_to["lat"],
            "lon": shipped_to["lon"],
        },
    }


def shipped_promise(live: Live, to: tuple[float, float], sku: str, quantity: int) -> dict[str, Any]:
    """GraphQL's promise for `quantity` x `sku` shipped on the WEB channel to `to`."""
    variables = {
        "channel": "WEB",
        "delivery": graphql_delivery(to),
        "lines": [{"sku": sku, "quantity": quantity}],
    }
    promised: dict[str, Any] = live.read(PROMISE, variables)["promise"]
    return promised


def post(live: Live, variables: dict[str, Any]) -> dict[str, Any]:
    response = live.rest.post("/graphql", json={"query": PROMISE, "variables": variables})
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def test_a_graphql_promise_equals_the_rest_promise_and_reserves_nothing(live: Live) -> None:
    rest = live.rest
    near, far, store, sku = unique("DC"), unique("DC"), unique("ST"), unique("SKU")
    register(rest, near, at=UTRECHT)
    register(rest, far, at=PARIS)
    register(rest, store, at=UTRECHT, type_="STORE", capabilities=("SHIP", "PICKUP"))
    receive(rest, near, sku, 1)
    receive(rest, far, sku, 5)
    receive(rest, store, sku, 9)
    rules = ok(
        rest.put("/sourcing/rules", json={"channels": {"MARKETPLACE": {"node_types": ["DC"]}}})
    )
    events_before = live.server.oms.head()
    wanted = [{"sku": sku, "quantity": 3}]

    promised = live.read(
        PROMISE,
        {
            "channel": "MARKETPLACE",
            "delivery": graphql_delivery(UTRECHT),
            "lines": wanted,
            "requestedDate": "2999-01-01",
        },
    )["promise"]
    answer = rest.post(
        "/promise",
        json={
            "channel": "MARKETPLACE",
            "delivery": {"method": "SHIP", "address": address(UTRECHT)},
            "lines": wanted,
            "requested_date": "2999-01-01",
        },
    )
    assert answer.status_code == 200, answer.text
    by_rest = answer.json()

    [shipment] = promised["shipments"]
    [rest_shipment] = by_rest["shipments"]
    assert (shipment["nodeCode"], shipment["lines"]) == (far, wanted)
    assert (shipment["shipDate"], shipment["deliveryDate"]) == (
        rest_shipment["ship_date"],
        rest_shipment["delivery_date"],
    )
    assert date.fromisoformat(shipment["shipDate"]) < date.fromisoformat(shipment["deliveryDate"])
    assert promised["backorders"] == by_rest["backorders"] == []
    assert promised["onTime"] is True
    assert promised["rulesVersion"] == by_rest["rules_version"] == rules["version"]
    explanation = promised["explanation"]
    assert (explanation["rule"], explanation["trigger"], explanation["chosen"]) == (
        "single-node",
        "PLACED",
        [far],
    )
    candidates = {c["nodeCode"]: c for c in explanation["candidates"]}
    assert candidates[store]["excludedBy"] == "channel MARKETPLACE: node type STORE not allowed"
    assert candidates[near]["excludedBy"] is None
    assert candidates[near]["available"] == [{"sku": sku, "quantity": 1}]
    assert candidates[near]["distanceKm"] < candidates[far]["distanceKm"]
    assert live.server.oms.head() == events_before
    assert live.server.oms.stock(far, sku).reserved == 0
    ok(rest.put("/sourcing/rules", json={}))


def test_a_pickup_promise_over_rest_and_graphql_names_the_transfer_the_order_then_makes(
    live: Live,
) -> None:
    rest = live.rest
    store, near, far, sku = unique("ST"), unique("DC"), unique("DC"), unique("SKU")
    register(rest, store, at=AMSTERDAM, type_="STORE", capabilities=("PICKUP",))
    register(rest, near, at=UTRECHT)
    register(rest, far, at=PARIS)
    receive(rest, near, sku, 4)
    receive(rest, far, sku, 4)
    wanted = [{"sku": sku, "quantity": 2}]
    pickup = {"method": "PICKUP", "pickup_node": store}

    answer = rest.post("/promise", json={"channel": "WEB", "delivery": pickup, "lines": wanted})
    assert answer.status_code == 200, answer.text
    by_rest = answer.json()
    promised = live.read(
        PROMISE,
        {"channel": "WEB", "delivery": {"method": "PICKUP", "pickupNode": store}, "lines": wanted},
    )["promise"]

    [shipment] = by_rest["shipments"]
    assert (shipment["node_code"], shipment["type"], shipment["transfer_to"]) == (
        near,
        "TRANSFER",
        store,
    )
    assert date.fromisoformat(shipment["ship_date"]) < date.fromisoformat(shipment["delivery_date"])
    assert by_rest["backorders"] == []
    assert by_rest["explanation"]["transfers"]["chosen"] == [near]
    [graphql_shipment] = promised["shipments"]
    assert graphql_shipment == {
        "nodeCode": near,
        "lines": wanted,
        "shipDate": shipment["ship_date"],
        "deliveryDate": shipment["delivery_date"],
        "type": "TRANSFER",
        "transferTo": store,
    }
    transfers = promised["explanation"]["transfers"]
    assert (transfers["to"], transfers["chosen"]) == (store, [near])
    distances = {c["nodeCode"]: c["distanceKm"] for c in transfers["candidates"]}
    assert distances[near] < distances[far]
    assert live.server.oms.stock(near, sku).reserved == 0

    [placed] = place(rest, {sku: 2}, pickup_node=store)["shipments"]
    assert (placed["node_code"], placed["type"], placed["transfer_to"]) == (
        near,
        "TRANSFER",
        store,
    )


def test_a_graphql_promise_without_a_pickup_has_no_transfers(live: Live) -> None:
    sku, near = unique("SKU"), unique("DC")
    register(live.rest, near, at=UTRECHT)
    receive(live.rest, near, sku, 1)

    promised = shipped_promise(live, UTRECHT, sku, 1)

    [shipment] = promised["shipments"]
    assert (shipment["type"], shipment["transferTo"]) == ("SHIP", None)
    assert promised["explanation"]["transfers"] is None


def test_a_graphql_promise_backorders_what_no_node_holds(live: Live) -> None:
    sku = unique("SKU")

    promised = shipped_promise(live, PARIS, sku, 2)

    assert promised["shipments"] == []
    assert promised["backorders"] == [{"sku": sku, "quantity": 2}]
    assert promised["onTime"] is None
    assert promised["explanation"]["rule"] == "backorder"


def test_a_graphql_promise_with_bad_input_is_bad_user_input_naming_the_field(
    live: Live,
) -> None:
    no_address = post(
        live,
        {"channel": "WEB", "delivery": {"method": "SHIP"}, "lines": [{"sku": "A", "quantity": 1}]},
    )
    no_units = post(
        live,
        {
            "channel": "WEB",
            "delivery": graphql_delivery(PARIS),
            "lines": [{"sku": "A", "quantity": 0}],
        },
    )
    bad_channel = post(live, {"channel": "FAX", "delivery": graphql_delivery(PARIS), "lines": []})

    [error] = no_address["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["message"].startswith("delivery: ")
    assert "needs an address" in error["message"]
    [error] = no_units["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert ["lines", 0, "quantity"] in [e["path"] for e in error["extensions"]["errors"]]
    assert no_units["data"] is None
    # An unknown enum value is refused by GraphQL itself, before the resolver runs.
    assert [e["extensions"]["code"] for e in bad_channel["errors"]] == ["GRAPHQL_VALIDATION_FAILED"]
