"""An order's money: capture as shipments leave, payments up to what is owed, credit memos
with refunds, write-offs, and invoices settled oldest first."""

from datetime import date, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import NotAllowed, NotFound
from domain.ledger import Invoice, Ledger, balance, bucket, open_amounts, overdue
from domain.order import Order
from tests.unit.domain.builders import (
    a_placed_order,
    a_plan,
    an_allocated_order,
    events_of,
    shipment_at,
    walk,
)

D = Decimal


def split_order(authorized: str | None = None) -> Order:
    """SKU-1 (2 x 10.00) from DC1 and SKU-2 (1 x 5.00) from DC2."""
    payment = {"method": "card", "authorized_amount": D(authorized)} if authorized else None
    order = a_placed_order(("SKU-1", 2, "10.00"), ("SKU-2", 1, "5.00"), payment=payment)
    order.allocate(a_plan({"DC1": {"SKU-1": 2}, "DC2": {"SKU-2": 1}}), "placed")
    return order


def ship(order: Order, node: str, terms: int = 0) -> None:
    walk(order, shipment_at(order, node), "pick", "pack")
    order.step(shipment_at(order, node).id, "ship", carrier="UPS", payment_terms_days=terms)


@pytest.mark.parametrize(
    ("authorized", "captures"),
    [("25.00", ["20.00", "5.00"]), ("22.00", ["20.00", "2.00"]), ("0.00", []), (None, [])],
    ids=["fully authorised", "short authorisation", "nothing authorised", "no card"],
)
def test_each_shipment_captures_its_invoice_from_what_is_authorised(authorized, captures) -> None:
    order = split_order(authorized)
    ship(order, "DC1")
    ship(order, "DC2")
    captured = [
        str(e.amount) for e in order.collect_events() if isinstance(e, Order.PaymentCaptured)
    ]
    assert captured == captures
    assert order.invoiced == D("25.00")


def test_an_invoice_falls_due_after_the_payment_terms() -> None:
    order = split_order()
    ship(order, "DC1", terms=30)
    [invoice] = order.invoices.values()
    assert invoice.due_on - invoice.issued_on == timedelta(days=30)


@pytest.mark.parametrize(
    ("paid_before", "amount", "allowed"),
    [
        ("0", "25.00", True),
        ("0", "25.01", False),
        ("20.00", "5.00", True),
        ("20.00", "5.01", False),
    ],
)
def test_a_payment_is_refused_beyond_what_is_owed(paid_before, amount, allowed) -> None:
    order = split_order()
    if D(paid_before):
        order.record_payment(D(paid_before), "wire", "P-0")
    order.collect_events()
    if allowed:
        order.record_payment(D(amount), "wire", "P-1")
        assert order.owed == D("25.00") - D(paid_before) - D(amount)
    else:
        with pytest.raises(NotAllowed):
            order.record_payment(D(amount), "wire", "P-1")
        assert events_of(order) == []


def test_a_credit_memo_refunds_what_was_paid_beyond_what_is_now_owed() -> None:
    order = split_order("25.00")
    ship(order, "DC1")
    ship(order, "DC2")
    order.collect_events()
    order.issue_credit_memo(uuid4(), D("5.00"))
    memo, refund = order.collect_events()
    assert (type(memo).__name__, type(refund).__name__, refund.amount) == (
        "CreditMemoIssued",
        "PaymentRefunded",
        D("5.00"),
    )
    assert (order.paid, order.owed, balance(order)) == (D("20.00"), D(0), D(0))


def test_a_credit_memo_on_an_unpaid_order_lowers_what_is_owed_and_refunds_nothing() -> None:
    order = split_order()
    ship(order, "DC1")
    order.collect_events()
    order.issue_credit_memo(uuid4(), D("5.00"))
    assert events_of(order) == ["CreditMemoIssued"]
    assert balance(order) == D("15.00")


def test_a_write_off_takes_what_is_open_on_the_invoice() -> None:
    order = split_order()
    ship(order, "DC1")
    ship(order, "DC2")
    first, second = order.invoices
    order.record_payment(D("12.00"), "wire", "P-1")

    assert order.write_off(first, "disputed") == D("8.00")
    assert open_amounts(order) == {first: D(0), second: D("5.00")}
    assert balance(order) == D("5.00")
    with pytest.raises(NotAllowed):
        order.write_off(first, "again")
    with pytest.raises(NotFound):
        order.write_off("INV-none", "unknown")


@pytest.mark.parametrize(
    ("paid", "credited", "write_offs", "expected"),
    [
        ("0", "0", {}, ["10", "5", "20"]),
        ("12", "0", {}, ["0", "3", "20"]),
        ("12", "3", {}, ["0", "0", "20"]),
        ("40", "0", {}, ["0", "0", "0"]),
        ("5", "0", {"A": "10"}, ["0", "0", "20"]),
        ("0", "0", {"B": "5"}, ["10", "0", "20"]),
    ],
    ids=[
        "nothing paid",
        "oldest first",
        "credit settles too",
        "overpaid",
        "skip written off",
        "written off in the middle",
    ],
)
def test_money_settles_the_oldest_open_invoice_first(paid, credited, write_offs, expected) -> None:
    day = date(2026, 1, 1)
    ledger = Ledger(invoiced=D(35), paid=D(paid), refunded=D(credited))
    for number, amount in (("A", 10), ("B", 5), ("C", 20)):
        ledger.invoices[number] = Invoice(number, D(amount), day, day)
    ledger.write_offs = {k: D(v) for k, v in write_offs.items()}
    assert list(open_amounts(ledger).values()) == [D(x) for x in expected]


def test_overdue_counts_open_invoices_past_their_due_date() -> None:
    ledger = Ledger(invoiced=D(30), paid=D(5))
    ledger.invoices = {
        "A": Invoice("A", D(10), date(2026, 1, 1), date(2026, 1, 31)),
        "B": Invoice("B", D(20), date(2026, 1, 20), date(2026, 2, 19)),
    }
    assert overdue(ledger, date(2026, 1, 31)) == (D(0), 0)
    assert overdue(ledger, date(2026, 2, 1)) == (D(5), 1)
    assert overdue(ledger, date(2026, 3, 1)) == (D(25), 2)


@pytest.mark.parametrize(
    ("days", "name"),
    [
        (0, "0-30"),
        (30, "0-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "90+"),
        (4000, "90+"),
    ],
)
def test_days_past_due_fall_in_ageing_buckets(days, name) -> None:
    assert bucket(days) == name


def test_snapshots_from_before_the_ledger_read_back_with_empty_books() -> None:
    state = {"authorized": "10.00"}
    Order.upcast_v1_v2(state)
    assert state["invoices"] == {}
    assert state["payment_method"] == "card"
    assert state["auto_holds"] == {}
    order = an_allocated_order()
    assert order.captured == order.written_off == 0


def test_invoices_stored_before_payment_terms_fall_due_on_issue() -> None:
    state = {"invoice_number": "INV-1", "amount": "10.00"}
    Order.InvoiceIssued.upcast_v1_v2(state)
    assert state["payment_terms_days"] == 0
