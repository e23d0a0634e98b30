"""Sourcing rules over HTTP: versions, validation, and their effect on the next order."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import httpx
import pytest

from tests.e2e.conftest import Server
from tests.e2e.helpers import (
    PARIS,
    UTRECHT,
    ok,
    order_body,
    place,
    problem,
    receive,
    register,
    unique,
)


def test_a_replaced_rule_set_is_the_next_version_and_reads_back(client: httpx.Client) -> None:
    before = client.get("/sourcing/rules").json()["version"]

    answer = ok(client.put("/sourcing/rules", json={"max_shipments": 2, "weights": {"cost": 3}}))

    assert answer["version"] == before + 1
    current = client.get("/sourcing/rules").json()
    assert current["version"] == answer["version"]
    assert (current["max_shipments"], current["weights"]["cost"]) == (2, 3.0)
    assert current["weights"]["distance"] == 1.0
    assert client.get(f"/sourcing/rules/{before}").json()["version"] == before
    problem(client.get(f"/sourcing/rules/{answer['version'] + 1}"), 404)


BAD_RULES: list[tuple[dict[str, Any], list[Any]]] = [
    ({"weights": {"distance": -1}}, ["body", "weights", "distance"]),
    ({"max_shipments": 0}, ["body", "max_shipments"]),
    ({"channels": {"FAX": {"buffer": 1}}}, ["body", "channels", "FAX", "[key]"]),
    ({"channels": {"WEB": {"node_types": ["SHOP"]}}}, ["body", "channels", "WEB", "node_types", 0]),
    (
        {"groups": [{"name": "g", "sku_prefixes": ["A"], "capabilities": ["FLY"]}]},
        ["body", "groups", 0, "capabilities", 0],
    ),
    ({"split": {"min_units": 0}}, ["body", "split", "min_units"]),
    ({"weights": {"speed": 1}}, ["body", "weights", "speed"]),
]


@pytest.mark.parametrize(("body", "loc"), BAD_RULES, ids=lambda v: str(v)[:40])
def test_a_bad_rule_set_is_refused_naming_the_field_and_stores_nothing(
    client: httpx.Client, stored_events: Callable[[], int], body: dict[str, Any], loc: list[Any]
) -> None:
    before = stored_events()

    refused = problem(client.put("/sourcing/rules", json=body), 422)

    assert loc in [e["loc"] for e in refused["errors"]]
    assert stored_events() == before


def test_a_marketplace_order_is_never_sourced_from_a_store(client: httpx.Client) -> None:
    ok(client.put("/sourcing/rules", json={}))
    store, dc, sku = unique("ST"), unique("DC"), unique("SKU")
    register(client, store, at=UTRECHT, type_="STORE", capabilities=("SHIP", "PICKUP"))
    register(client, dc, at=PARIS)
    receive(client, store, sku, 5)
    receive(client, dc, sku, 5)

    web = place(client, {sku: 1}, to=UTRECHT)
    market = place(client, {sku: 1}, to=UTRECHT, channel="MARKETPLACE")

    assert [s["node_code"] for s in web["shipments"]] == [store]
    assert [s["node_code"] for s in market["shipments"]] == [dc]


def test_a_channel_without_backorders_refuses_an_order_it_cannot_fill(
    client: httpx.Client, stored_events: Callable[[], int]
) -> None:
    ok(client.put("/sourcing/rules", json={"channels": {"MARKETPLACE": {"backorder": False}}}))
    dc, sku = unique("DC"), unique("SKU")
    register(client, dc, at=PARIS)
    receive(client, dc, sku, 1)
    before = stored_events()

    refused = problem(client.post("/orders", json=order_body({sku: 2}, channel="MARKETPLACE")), 409)

    assert "takes no backorders" in refused["detail"]
    assert stored_events() == before
    web = place(client, {sku: 2})
    assert web["backorders"] == [{"sku": sku, "quantity": 1}]


def test_a_promise_dates_the_plan_and_reserves_nothing(
    client: httpx.Client, server: Server, stored_events: Callable[[], int]
) -> None:
    ok(client.put("/sourcing/rules", json={}))
    near, far, sku = unique("DC"), unique("DC"), unique("SKU")
    register(client, near, at=UTRECHT)
    register(client, far, at=PARIS)
    receive(client, near, sku, 1)
    receive(client, far, sku, 5)
    before = stored_events()
    body = {k: v for k, v in order_body({sku: 3}, to=UTRECHT).items() if k != "customer"}
    body["lines"] = [{"sku": sku, "quantity": 3}]

    answer = client.post("/promise", json=body)

    assert answer.status_code == 200, answer.text
    promised = answer.json()
    [shipment] = promised["shipments"]
    assert (shipment["node_code"], shipment["lines"]) == (far, [{"sku": sku, "quantity": 3}])
    assert date.fromisoformat(shipment["ship_date"]) < date.fromisoformat(shipment["delivery_date"])
    assert promised["backorders"] == []
    assert promised["rules_version"] == client.get("/sourcing/rules").json()["version"]
    assert promised["explanation"]["chosen"] == [far]
    assert stored_events() == before
    assert server.oms.stock(far, sku).reserved == 0


def test_a_promise_with_bad_input_is_refused_naming_the_field(client: httpx.Client) -> None:
    body = {"channel": "WEB", "delivery": {"method": "SHIP"}, "lines": []}

    refused = problem(client.post("/promise", json=body), 422)

    locs = [e["loc"] for e in refused["errors"]]
    assert ["body", "lines"] in locs
