"""Carrier scans over HTTP on the real database, read back through GraphQL."""

from __future__ import annotations

import psycopg
import pytest

from tests.e2e.agreement import order_agrees, stock_agrees
from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import ok, place, problem, receive, register, step, unique

__all__ = ["live"]

SCANS = """
query($id: ID!) {
  order(id: $id) {
    status
    shipments { status deliveredAt scans { code at location recordedAt } }
    timeline { type detail }
  }
}
"""


def shipped(live: Live) -> tuple[str, str, str, str]:
    """A shipped order of one unit: (order id, shipment id, node, sku)."""
    code, sku = unique("DC"), unique("SKU")
    register(live.rest, code)
    receive(live.rest, code, sku, 3)
    placed = place(live.rest, {sku: 1})
    oid, sid = placed["order_id"], placed["shipments"][0]["shipment_id"]
    for name in ("pick", "pack"):
        ok(step(live.rest, oid, sid, name))
    ok(step(live.rest, oid, sid, "ship", {"carrier": "DHL", "tracking_number": "JD42"}))
    return oid, sid, code, sku


def scan(live: Live, oid: str, sid: str, body: dict[str, object]):
    return live.rest.post(f"/orders/{oid}/shipments/{sid}/scans", json=body)


def test_scans_follow_a_shipment_to_delivery(live: Live) -> None:
    oid, sid, _, sku = shipped(live)
    journey = [
        {"code": "IN_TRANSIT", "at": "2026-11-30T08:00:00Z", "location": "Utrecht hub"},
        {"code": "EXCEPTION", "at": "2026-11-30T12:00:00+01:00", "location": "Depot 7: closed"},
        {"code": "OUT_FOR_DELIVERY", "at": "2026-12-01T07:30:00Z"},
    ]
    for body in journey:
        answer = ok(scan(live, oid, sid, body))
        assert answer["status"] == "SHIPPED"

    delivered = ok(
        scan(
            live, oid, sid, {"code": "DELIVERED", "at": "2026-12-01T10:05:00Z", "location": "Door"}
        )
    )

    assert delivered["status"] == "DELIVERED"
    assert delivered["shipments"][0]["status"] == "DELIVERED"
    order = live.read(SCANS, {"id": oid}, after=delivered["position"])["order"]
    [shipment] = order["shipments"]
    assert [(s["code"], s["at"], s["location"]) for s in shipment["scans"]] == [
        ("IN_TRANSIT", "2026-11-30T08:00:00+00:00", "Utrecht hub"),
        ("EXCEPTION", "2026-11-30T11:00:00+00:00", "Depot 7: closed"),
        ("OUT_FOR_DELIVERY", "2026-12-01T07:30:00+00:00", None),
        ("DELIVERED", "2026-12-01T10:05:00+00:00", "Door"),
    ]
    assert (order["status"], shipment["status"]) == ("DELIVERED", "DELIVERED")
    assert shipment["deliveredAt"] is not None
    scanned = [t["detail"] for t in order["timeline"] if t["type"] == "ShipmentScanned"]
    assert len(scanned) == 4
    assert "Carrier scan EXCEPTION at Depot 7: closed" in scanned[1]
    assert [t["type"] for t in order["timeline"]][-2:] == ["ShipmentScanned", "ShipmentStepped"]
    order_agrees(live, oid, delivered["position"])
    stock_agrees(live, [sku], delivered["position"])


@pytest.mark.parametrize(
    "body",
    [
        {"code": "LOST_IN_SPACE", "at": "2026-11-30T08:00:00Z"},
        {"code": "IN_TRANSIT"},
        {"code": "IN_TRANSIT", "at": "2026-11-30T08:00:00"},  # no time zone
        {"code": "IN_TRANSIT", "at": "3001-01-01T00:00:00Z"},  # beyond what is stored
        {"code": "IN_TRANSIT", "at": "1969-12-31T23:59:59Z"},
        {"code": "IN_TRANSIT", "at": "2026-11-30T08:00:00Z", "location": "Hub\u0000"},
        {"code": "IN_TRANSIT", "at": "2026-11-30T08:00:00Z", "location": "x" * 201},
        {"code": "IN_TRANSIT", "at": "2026-11-30T08:00:00Z", "location": ""},
        {"code": "IN_TRANSIT", "at": "2026-11-30T08:00:00Z", "extra": 1},
    ],
)
def test_a_bad_scan_is_a_422_problem_and_stores_nothing(
    live: Live, module_database_url: str, body: dict[str, object]
) -> None:
    oid, sid, _, _ = shipped(live)
    with psycopg.connect(module_database_url, autocommit=True) as conn:
        before = conn.execute("SELECT count(*) FROM oms_events").fetchone()
        answer = problem(scan(live, oid, sid, body), 422)
        after = conn.execute("SELECT count(*) FROM oms_events").fetchone()
    assert answer["errors"]
    assert before == after


def test_a_scan_of_a_shipment_not_shipped_or_already_delivered_is_a_conflict(live: Live) -> None:
    code, sku = unique("DC"), unique("SKU")
    register(live.rest, code)
    receive(live.rest, code, sku, 1)
    placed = place(live.rest, {sku: 1})
    oid, sid = placed["order_id"], placed["shipments"][0]["shipment_id"]
    body = {"code": "IN_TRANSIT", "at": "2026-11-30T08:00:00Z"}

    problem(scan(live, oid, sid, body), 409)

    oid, sid, _, _ = shipped(live)
    ok(scan(live, oid, sid, {"code": "DELIVERED", "at": "2026-11-30T09:00:00Z"}))
    problem(scan(live, oid, sid, body), 409)
    problem(scan(live, oid, "00000000-0000-0000-0000-000000000000", body), 404)
