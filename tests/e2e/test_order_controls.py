"""Order controls over HTTP and GraphQL: a credit hold from placement to release, capture,
refunds, overpayment, ageing and write-off, as a client sees them."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import ok, place, problem, receive, register, step, unique

__all__ = ["live"]

TIMELINE = """
query($id: ID!) {
  order(id: $id) {
    status holds { type reason rule rulesVersion } timeline { type detail }
  }
}
"""
CUSTOMER = """
query($id: ID!, $asOf: Date) {
  customer(id: $id, asOf: $asOf) {
    hasAccount creditLimit balance overdue
    invoices { number orderId amount openAmount dueOn daysOverdue ageBucket }
  }
}
"""
RECEIVABLES = """
query($id: ID, $asOf: Date) {
  receivables(customerId: $id, asOf: $asOf) { total overdue buckets { bucket amount invoices } }
}
"""


def ship(live: Live, order: dict[str, Any]) -> int:
    for shipment in order["shipments"]:
        sid = shipment["shipment_id"]
        ok(step(live.rest, order["order_id"], sid, "pick"))
        ok(step(live.rest, order["order_id"], sid, "pack"))
        last = ok(step(live.rest, order["order_id"], sid, "ship", {"carrier": "UPS"}))
    return int(last["position"])


def details(live: Live, order_id: str, after: int) -> list[str]:
    order = live.read(TIMELINE, {"id": order_id}, after=after)["order"]
    return [entry["detail"] for entry in order["timeline"]]


def days_from_now(days: int) -> str:
    return (datetime.now(UTC).date() + timedelta(days=days)).isoformat()


def test_an_order_over_the_limit_is_held_until_a_payment_brings_the_balance_under_it(
    live: Live,
) -> None:
    rest, dc, sku, cid = live.rest, unique("DC"), unique("SKU"), unique("CUST")
    register(rest, dc)
    receive(rest, dc, sku, 500)
    customer = {"id": cid, "name": "Grace Hopper", "email": "grace@example.com"}
    account = {"name": "Grace Hopper", "email": "grace@example.com", "credit_limit": "1000.00"}
    ok(rest.put(f"/customers/{cid}", json={**account, "payment_terms_days": 30}))
    first = place(rest, {sku: 80}, customer=customer)  # 800.00
    assert first["status"] == "ALLOCATED"
    ship(live, first)

    held = place(rest, {sku: 50}, customer=customer)  # 800.00 owed + 500.00 > 1,000.00

    assert held["status"] == "ON_HOLD"
    hid, [shipment] = held["order_id"], held["shipments"]
    problem(step(rest, hid, shipment["shipment_id"], "pick"), 409)
    assert (
        "CREDIT hold placed by rule credit.limit (rules v0): balance 800.00 + order 500.00 "
        "= 1,300.00 exceeds limit 1,000.00" in details(live, hid, held["position"])
    )
    [hold] = live.read(TIMELINE, {"id": hid}, after=held["position"])["order"]["holds"]
    assert hold == {
        "type": "CREDIT",
        "reason": "balance 800.00 + order 500.00 = 1,300.00 exceeds limit 1,000.00",
        "rule": "credit.limit",
        "rulesVersion": 0,
    }
    head = live.server.oms.head()
    refused = rest.post(
        f"/orders/{first['order_id']}/payments",
        json={"amount": "800.01", "method": "wire", "reference": "W-0"},
    )
    assert "more than the 800.00 still owed" in problem(refused, 409)["detail"]
    assert live.server.oms.head() == head

    paid = ok(
        rest.post(
            f"/orders/{first['order_id']}/payments",
            json={"amount": "300.00", "method": "wire", "reference": "W-1"},
        )
    )

    order = live.read(TIMELINE, {"id": hid}, after=paid["position"])["order"]
    assert order["status"] == "ALLOCATED"
    assert order["holds"] == []
    assert order["timeline"][-1]["detail"] == (
        "CREDIT hold released, cause cleared (credit): balance 500.00 + order 500.00 "
        "= 1,000.00 within limit 1,000.00"
    )
    ok(step(rest, hid, shipment["shipment_id"], "pick"))
    balance = live.read(CUSTOMER, {"id": cid}, after=paid["position"])["customer"]
    assert (balance["hasAccount"], balance["balance"], balance["overdue"]) == (
        True,
        "500.00",
        "0.00",
    )
    [invoice] = balance["invoices"]
    assert (invoice["amount"], invoice["openAmount"]) == ("800.00", "500.00")
    assert invoice["dueOn"] == days_from_now(30)


def test_invoices_age_by_payment_terms_and_a_write_off_clears_them(live: Live) -> None:
    rest, dc, sku, cid = live.rest, unique("DC"), unique("SKU"), unique("CUST")
    register(rest, dc)
    receive(rest, dc, sku, 10)
    account = {"name": "Alan", "email": "alan@example.com", "payment_terms_days": 10}
    ok(rest.put(f"/customers/{cid}", json=account))
    customer = {"id": cid, "name": "Alan", "email": "alan@example.com"}
    position = ship(live, place(rest, {sku: 3}, customer=customer))

    aged = live.read(RECEIVABLES, {"id": cid, "asOf": days_from_now(80)}, after=position)
    buckets = {b["bucket"]: (b["amount"], b["invoices"]) for b in aged["receivables"]["buckets"]}
    assert buckets == {
        "0-30": ("0.00", 0),
        "31-60": ("0.00", 0),
        "61-90": ("30.00", 1),
        "90+": ("0.00", 0),
    }
    later = live.read(CUSTOMER, {"id": cid, "asOf": days_from_now(11)})["customer"]
    assert later["overdue"] == "30.00"
    assert later["invoices"][0]["daysOverdue"] == 1

    number = later["invoices"][0]["number"]
    written = ok(rest.post(f"/invoices/{number}/write-off", json={"reason": "gone bust"}))
    assert written["written_off"] == "30.00"
    problem(rest.post(f"/invoices/{number}/write-off", json={"reason": "again"}), 409)
    problem(rest.post("/invoices/INV-nope/write-off", json={"reason": "x"}), 404)
    problem(rest.post(f"/invoices/{number}/write-off", json={}), 422)

    after = live.read(
        RECEIVABLES, {"id": cid, "asOf": days_from_now(80)}, after=written["position"]
    )
    assert after["receivables"]["total"] == "0.00"
    assert live.read(CUSTOMER, {"id": cid})["customer"]["balance"] == "0.00"


def test_a_card_order_is_captured_as_it_ships_and_refunded_on_return(live: Live) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    register(rest, dc)
    receive(rest, dc, sku, 5)
    placed = place(rest, {sku: 2}, payment={"method": "card", "authorized_amount": "20.00"})
    oid = placed["order_id"]
    position = ship(live, placed)
    ok(step(rest, oid, placed["shipments"][0]["shipment_id"], "deliver"))
    ret = ok(
        rest.post(
            "/returns",
            json={
                "order_id": oid,
                "lines": [{"sku": sku, "quantity": 1, "reason": "x"}],
                "method": "MAIL",
            },
        ),
        201,
    )
    rid = ret["return_id"]
    ok(rest.post(f"/returns/{rid}/receive", json={"node_code": dc}))
    ok(
        rest.post(
            f"/returns/{rid}/inspect",
            json={"lines": [{"sku": sku, "quantity": 1, "disposition": "RESTOCK"}]},
        )
    )
    position = ok(rest.post(f"/returns/{rid}/refund", json={}))["position"]

    timeline = details(live, oid, position)
    invoice = next(d for d in timeline if d.startswith("Invoice "))
    assert invoice.endswith("for 20.00")
    assert any(d.startswith("Captured 20.00 by card for invoice INV-") for d in timeline)
    assert any(d.startswith("Credit memo CM-") and d.endswith("for 10.00") for d in timeline)
    assert any(d.startswith("Refunded 10.00 (CM-") for d in timeline)
    order = live.read("query($id: ID!) { order(id: $id) { paidAmount } }", {"id": oid})
    assert order["order"]["paidAmount"] == "10.00"


def test_hold_rules_are_replaced_as_a_new_version_and_bad_rules_are_refused(live: Live) -> None:
    rest = live.rest
    before = rest.get("/holds/rules").json()
    body = {"fraud": {"max_first_order_value": "5000.00", "country_mismatch": True}}

    answer = ok(rest.put("/holds/rules", json=body))

    assert answer["version"] == before["version"] + 1
    assert rest.get("/holds/rules").json()["rules"]["fraud"]["country_mismatch"] is True
    assert rest.get(f"/holds/rules/{before['version']}").json() == before
    problem(rest.put("/holds/rules", json={"address": {"required": ["phone"]}}), 422)
    problem(rest.put("/holds/rules", json={"fraud": {"max_orders_per_hour": 0}}), 422)
    problem(rest.get("/holds/rules/99"), 404)
    ok(rest.put("/holds/rules", json={}))  # back to the default set for the other tests


def test_orders_not_yet_invoiced_count_against_the_limit_until_one_is_cancelled(
    live: Live,
) -> None:
    rest, dc, sku, cid = live.rest, unique("DC"), unique("SKU"), unique("CUST")
    register(rest, dc)
    receive(rest, dc, sku, 500)
    customer = {"id": cid, "name": "Edsger", "email": "ewd@example.com"}
    account = {"name": "Edsger", "email": "ewd@example.com", "credit_limit": "1000.00"}
    ok(rest.put(f"/customers/{cid}", json=account))
    first = place(rest, {sku: 60}, customer=customer)  # 600.00, not invoiced

    held = place(rest, {sku: 50}, customer=customer)  # 600.00 + 500.00 > 1,000.00

    assert (first["status"], held["status"]) == ("ALLOCATED", "ON_HOLD")
    order = live.read(TIMELINE, {"id": held["order_id"]}, after=held["position"])["order"]
    assert order["holds"][0]["reason"] == (
        "balance 0.00 + other open orders 600.00 + order 500.00 = 1,100.00 exceeds limit 1,000.00"
    )
    cancelled = ok(rest.post(f"/orders/{first['order_id']}/cancel", json={"reason": "changed"}))
    order = live.read(TIMELINE, {"id": held["order_id"]}, after=cancelled["position"])["order"]
    assert (order["status"], order["holds"]) == ("ALLOCATED", [])
    assert order["timeline"][-1]["detail"].startswith("CREDIT hold released, cause cleared")


def test_a_hold_an_agent_placed_names_no_rule(live: Live) -> None:
    rest, dc, sku = live.rest, unique("DC"), unique("SKU")
    register(rest, dc)
    receive(rest, dc, sku, 5)
    order = place(rest, {sku: 1})
    held = ok(
        rest.post(
            f"/orders/{order['order_id']}/holds", json={"type": "FRAUD", "reason": "call back"}
        )
    )
    read = live.read(TIMELINE, {"id": order["order_id"]}, after=held["position"])["order"]
    assert read["holds"] == [
        {"type": "FRAUD", "reason": "call back", "rule": None, "rulesVersion": None}
    ]
