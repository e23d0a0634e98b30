"""Credit holds end to end on the application: placed by rule, refused picking, released."""

from datetime import timedelta
from decimal import Decimal
from uuid import UUID

import pytest

from application.commands import (
    Address,
    ChangeLine,
    CreateReturn,
    InspectReturn,
    ReceiveReturn,
    RecordPayment,
    Refund,
    ShipShipment,
)
from application.control_inputs import PutCustomer, PutHoldRules, WriteOff
from domain.errors import NotAllowed, NotFound
from tests.application.network import Network


def account(network: Network, limit: str | None, terms: int = 30) -> None:
    network.oms.put_customer(
        "C-1",
        PutCustomer(
            name="Ada", email="ada@example.com", credit_limit=limit, payment_terms_days=terms
        ),
    )


def ship_all(network: Network, answer: dict) -> list[str]:
    """Ship every shipment; the invoice numbers."""
    oid = UUID(answer["order_id"])
    for shipment in answer["shipments"]:
        sid = UUID(shipment["shipment_id"])
        network.oms.step_shipment(oid, sid, "pick")
        network.oms.step_shipment(oid, sid, "pack")
        network.oms.step_shipment(oid, sid, "ship", ShipShipment(carrier="UPS"))
    return list(network.oms.order(oid).invoices)


def pay(network: Network, answer: dict, amount: str, ref: str) -> dict:
    return network.oms.record_payment(
        UUID(answer["order_id"]), RecordPayment(amount=amount, method="wire", reference=ref)
    )


@pytest.fixture
def stocked(network: Network) -> Network:
    network.stock("DC-NJ", "TEE", 500)
    return network


def test_an_order_over_the_limit_is_held_keeps_its_stock_and_is_released_by_a_payment(
    stocked: Network,
) -> None:
    account(stocked, "1000.00")
    first = stocked.place({"TEE": 80})  # 800.00
    assert first["status"] == "ALLOCATED"
    ship_all(stocked, first)

    second = stocked.place({"TEE": 50})  # 800.00 owed + 500.00 > 1000.00

    assert second["status"] == "ON_HOLD"
    held = stocked.oms.order(UUID(second["order_id"]))
    assert held.auto_holds == {"CREDIT": "credit.limit"}
    assert "exceeds limit 1,000.00" in held.holds["CREDIT"]
    assert stocked.available("DC-NJ", "TEE") == 500 - 80 - 50
    sid = UUID(second["shipments"][0]["shipment_id"])
    with pytest.raises(NotAllowed):
        stocked.oms.step_shipment(held.id, sid, "pick")

    pay(stocked, first, "200.00", "P-1")  # 600.00 + 500.00: still over
    assert stocked.oms.order(held.id).status == "ON_HOLD"
    pay(stocked, first, "300.00", "P-2")  # 300.00 + 500.00: within

    released = stocked.oms.order(held.id)
    assert released.status == "ALLOCATED"
    assert not released.holds
    stocked.oms.step_shipment(held.id, sid, "pick")


def test_a_customer_without_a_limit_or_an_account_is_not_credit_checked(stocked: Network) -> None:
    assert stocked.place({"TEE": 300})["status"] == "ALLOCATED"
    account(stocked, None)
    assert stocked.place({"TEE": 100})["status"] == "ALLOCATED"


def test_raising_the_limit_releases_the_hold(stocked: Network) -> None:
    account(stocked, "100.00")
    answer = stocked.place({"TEE": 20})
    assert answer["status"] == "ON_HOLD"

    account(stocked, "500.00")

    assert stocked.oms.order(UUID(answer["order_id"])).status == "ALLOCATED"


def test_an_agent_release_stays_until_the_order_is_edited(stocked: Network) -> None:
    account(stocked, "100.00")
    answer = stocked.place({"TEE": 20})
    oid = UUID(answer["order_id"])

    assert stocked.oms.release_hold(oid, "CREDIT")["status"] == "ALLOCATED"
    assert stocked.oms.order(oid).holds == {}


def test_overdue_invoices_hold_new_orders_until_paid(stocked: Network) -> None:
    account(stocked, "10000.00", terms=10)
    first = stocked.place({"TEE": 1})
    ship_all(stocked, first)
    later = stocked.oms.clock() + timedelta(days=11)
    stocked.oms.clock = lambda: later

    second = stocked.place({"TEE": 1})
    assert second["status"] == "ON_HOLD"
    assert (
        "1 overdue invoice(s), 10.00 past due"
        in stocked.oms.order(UUID(second["order_id"])).holds["CREDIT"]
    )

    pay(stocked, first, "10.00", "P-1")

    assert stocked.oms.order(UUID(second["order_id"])).status == "ALLOCATED"


def test_a_write_off_lowers_the_balance_and_releases_the_hold(stocked: Network) -> None:
    account(stocked, "1000.00")
    first = stocked.place({"TEE": 90})
    [invoice] = ship_all(stocked, first)
    second = stocked.place({"TEE": 20})
    assert second["status"] == "ON_HOLD"

    answer = stocked.oms.write_off(invoice, WriteOff(reason="customer insolvent"))

    assert answer["written_off"] == "900.00"
    assert stocked.oms.customer("C-1")["balance"] == "0.00"
    assert stocked.oms.order(UUID(second["order_id"])).status == "ALLOCATED"
    with pytest.raises(NotAllowed):
        stocked.oms.write_off(invoice, WriteOff(reason="again"))
    with pytest.raises(NotFound):
        stocked.oms.write_off("INV-none", WriteOff(reason="unknown"))


def test_a_payment_beyond_what_is_owed_is_refused_and_nothing_is_stored(stocked: Network) -> None:
    answer = stocked.place({"TEE": 2})
    head = stocked.oms.head()

    with pytest.raises(NotAllowed):
        pay(stocked, answer, "20.01", "P-1")

    assert stocked.oms.head() == head
    assert pay(stocked, answer, "20.00", "P-2")["owed"] == "0.00"


def test_fraud_rules_hold_big_first_orders_and_bursts(stocked: Network) -> None:
    stocked.oms.put_hold_rules(
        PutHoldRules(fraud={"max_first_order_value": "100.00", "max_orders_per_hour": 2})
    )
    first = stocked.place({"TEE": 11})
    assert stocked.oms.order(UUID(first["order_id"])).auto_holds == {
        "FRAUD": "fraud.first_order_value"
    }
    assert stocked.place({"TEE": 11})["status"] == "ALLOCATED"  # not the first any more
    third = stocked.place({"TEE": 1})
    assert stocked.oms.order(UUID(third["order_id"])).auto_holds == {"FRAUD": "fraud.velocity"}


def test_an_address_without_coordinates_is_held_until_they_are_given(stocked: Network) -> None:
    address = {"line1": "1 Road", "city": "Newark", "postal_code": "07102", "country": "US"}
    answer = stocked.place({"TEE": 1}, to=address)
    oid = UUID(answer["order_id"])
    assert stocked.oms.order(oid).auto_holds == {"ADDRESS": "address.required"}
    assert answer["shipments"], "the held order is still allocated"

    stocked.oms.change_address(oid, Address(**address, lat=40.73, lon=-74.17))

    assert stocked.oms.order(oid).holds == {}


def test_capture_at_shipment_equals_the_invoice_and_a_return_refunds(stocked: Network) -> None:
    stocked.stock("DC-TX", "CAP", 1)
    stocked.stock("DC-NJ", "CAP", 1)
    answer = stocked.place({"CAP": 2}, payment={"method": "card", "authorized_amount": "20.00"})
    assert len(answer["shipments"]) == 2
    oid = UUID(answer["order_id"])
    ship_all(stocked, {**answer, "shipments": answer["shipments"][:1]})
    order = stocked.oms.order(oid)
    assert (order.invoiced, order.captured, order.owed) == (Decimal(10), Decimal(10), Decimal(10))
    stocked.deliver({**answer, "shipments": []})
    for shipment in answer["shipments"][1:]:
        stocked.deliver({**answer, "shipments": [shipment]})
    assert stocked.oms.order(oid).captured == Decimal(20)

    rid = UUID(
        stocked.oms.create_return(
            CreateReturn(
                order_id=oid, lines=[{"sku": "CAP", "quantity": 1, "reason": "x"}], method="MAIL"
            )
        )["return_id"]
    )
    stocked.oms.receive_return(rid, ReceiveReturn(node_code="DC-NJ"))
    stocked.oms.inspect_return(
        rid, InspectReturn(lines=[{"sku": "CAP", "quantity": 1, "disposition": "RESTOCK"}])
    )
    stocked.oms.refund_return(rid, Refund())

    order = stocked.oms.order(oid)
    assert (order.refunded, order.paid, order.owed) == (Decimal(10), Decimal(10), Decimal(0))
    assert [type(e).__name__ for e in stocked.oms.repository.event_store.get(oid)][-2:] == [
        "CreditMemoIssued",
        "PaymentRefunded",
    ]


def test_hold_rules_are_versioned(stocked: Network) -> None:
    assert stocked.oms.hold_rules()["version"] == 0
    first = stocked.oms.put_hold_rules(PutHoldRules(credit={"enabled": False}))
    second = stocked.oms.put_hold_rules(PutHoldRules())
    assert (first["version"], second["version"]) == (1, 2)
    assert stocked.oms.hold_rules(1)["rules"]["credit"] == {"enabled": False}
    assert stocked.oms.hold_rules()["rules"]["credit"] == {"enabled": True}
    with pytest.raises(NotFound):
        stocked.oms.hold_rules(7)


def test_an_edit_that_takes_the_order_over_the_limit_holds_it_and_one_back_under_releases_it(
    stocked: Network,
) -> None:
    account(stocked, "100.00")
    answer = stocked.place({"TEE": 5})
    oid = UUID(answer["order_id"])
    assert answer["status"] == "ALLOCATED"

    held = stocked.oms.change_line(oid, "TEE", ChangeLine(quantity=15))
    assert held["status"] == "ON_HOLD"
    assert stocked.oms.order(oid).auto_holds == {"CREDIT": "credit.limit"}

    released = stocked.oms.change_line(oid, "TEE", ChangeLine(quantity=10))
    assert released["status"] == "ALLOCATED"
