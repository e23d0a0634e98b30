"""Nodes and stock over HTTP."""

from __future__ import annotations

import httpx

from tests.e2e.conftest import Server
from tests.e2e.helpers import PARIS, UTRECHT, ok, place, problem, receive, register, unique


def test_registering_a_node_answers_201_with_the_node_and_its_position(
    client: httpx.Client,
) -> None:
    code = unique("DC")

    body = register(client, code, type_="DC", daily_capacity=500, priority=10)

    assert body["code"] == code
    assert body["type"] == "DC"
    assert body["active"] is True
    assert body["daily_capacity"] == 500
    assert body["position"] > 0


def test_registering_the_same_code_twice_is_a_conflict(client: httpx.Client) -> None:
    code = unique("DC")
    register(client, code)

    problem(client.post("/nodes", json={**_minimal(code)}), 409)


def test_received_stock_is_on_hand_and_available(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)

    receive(client, code, sku, 7)
    body = receive(client, code, sku, 3)

    assert (body["on_hand"], body["reserved"], body["available"]) == (10, 0, 10)


def test_a_cycle_count_sets_on_hand_and_a_delta_corrects_it(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 10)

    counted = ok(
        client.post(
            f"/nodes/{code}/adjustments",
            json={"sku": sku, "counted_quantity": 8, "reason": "cycle count"},
        )
    )
    corrected = ok(
        client.post(
            f"/nodes/{code}/adjustments", json={"sku": sku, "delta": -3, "reason": "damaged"}
        )
    )

    assert counted["on_hand"] == 8
    assert corrected["on_hand"] == 5


def test_an_adjustment_needs_exactly_one_of_count_or_delta(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)

    both = {"sku": sku, "counted_quantity": 1, "delta": 1, "reason": "x"}
    problem(client.post(f"/nodes/{code}/adjustments", json=both), 422)


def test_safety_stock_lowers_what_is_available(client: httpx.Client) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code)
    receive(client, code, sku, 10)

    body = ok(client.put(f"/nodes/{code}/safety-stock/{sku}", json={"quantity": 4}))

    assert (body["on_hand"], body["safety_stock"], body["available"]) == (10, 4, 6)


def test_a_transfer_is_in_transit_until_the_receiving_node_books_it(
    client: httpx.Client,
) -> None:
    source, target, sku = unique("DC"), unique("ST"), unique("SKU")
    register(client, source)
    register(client, target, at=UTRECHT, type_="STORE")
    receive(client, source, sku, 10)

    sent = ok(
        client.post(
            f"/nodes/{source}/transfers", json={"to_node": target, "sku": sku, "quantity": 4}
        )
    )
    booked = ok(
        client.post(f"/nodes/{target}/transfers/{sent['transfer_id']}/receive", json={"sku": sku})
    )

    assert sent["from"]["on_hand"] == 6
    assert sent["to"]["in_transit"] == 4
    assert (booked["on_hand"], booked["in_transit"]) == (4, 0)


def test_a_transfer_of_more_than_is_available_is_refused(client: httpx.Client) -> None:
    source, target, sku = unique("DC"), unique("DC"), unique("SKU")
    register(client, source)
    register(client, target)
    receive(client, source, sku, 2)

    problem(
        client.post(
            f"/nodes/{source}/transfers", json={"to_node": target, "sku": sku, "quantity": 3}
        ),
        409,
    )


def test_downtime_can_be_scheduled_and_cancelled(client: httpx.Client) -> None:
    code = unique("DC")
    register(client, code)
    window = {
        "starts_at": "2030-01-01T08:00:00Z",
        "ends_at": "2030-01-01T18:00:00Z",
        "reason": "stocktake",
    }

    scheduled = ok(client.post(f"/nodes/{code}/downtimes", json=window))
    cancelled = ok(client.delete(f"/nodes/{code}/downtimes/{scheduled['downtime_id']}"))

    assert [d["reason"] for d in scheduled["downtimes"]] == ["stocktake"]
    assert cancelled["downtimes"] == []


def test_a_downtime_that_ends_before_it_starts_is_invalid(client: httpx.Client) -> None:
    code = unique("DC")
    register(client, code)
    window = {
        "starts_at": "2030-01-02T08:00:00Z",
        "ends_at": "2030-01-01T08:00:00Z",
        "reason": "oops",
    }

    problem(client.post(f"/nodes/{code}/downtimes", json=window), 422)


def test_an_inactive_node_is_not_sourced_until_it_is_active_again(
    client: httpx.Client, server: Server
) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(client, code, at=PARIS)
    receive(client, code, sku, 5)

    off = ok(client.put(f"/nodes/{code}/status", json={"active": False}))
    backordered = place(client, {sku: 1})
    ok(client.put(f"/nodes/{code}/status", json={"active": True}))
    sourced = place(client, {sku: 1})

    assert off["active"] is False
    assert backordered["shipments"] == []
    assert backordered["backorders"] == [{"sku": sku, "quantity": 1}]
    assert [s["node_code"] for s in sourced["shipments"]] == [code]
    assert server.oms.stock(code, sku).reserved == 1


def _minimal(code: str) -> dict[str, object]:
    return {
        "code": code,
        "name": "again",
        "type": "DC",
        "lat": 0,
        "lon": 0,
        "capabilities": ["SHIP"],
    }
