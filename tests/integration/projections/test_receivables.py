"""The receivables read model: accounts, what each order owes, invoices with what is open."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from uuid import uuid4

from domain.customer import Customer
from domain.order import Order
from projections import ProjectionRunner
from tests.integration.projections.conftest import EventStore, Tables
from tests.unit.domain.builders import a_placed_order, a_plan, shipment_at, walk


def two_shipments(**kwargs: object) -> Order:
    order = a_placed_order(("SKU-1", 2, "10.00"), ("SKU-2", 1, "5.00"), **kwargs)
    order.allocate(a_plan({"DC1": {"SKU-1": 2}, "DC2": {"SKU-2": 1}}), "placement")
    return order


def project(store: EventStore, runner: ProjectionRunner, *aggregates: object) -> None:
    store.record(*aggregates)  # type: ignore[arg-type]
    runner.catch_up()


def test_an_account_is_kept_with_its_limit_and_terms(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    customer = Customer.register("C-1", "Ada", "ada@example.com", Decimal("500.00"), 30)
    project(store, runner, customer)
    customer.update("Ada L.", "ada@example.com", None, 45)
    project(store, runner, customer)

    row = tables.one("receivables.customers")
    assert (row["customer_id"], row["name"], row["credit_limit"], row["payment_terms_days"]) == (
        "C-1",
        "Ada L.",
        None,
        45,
    )


def test_a_shipment_is_invoiced_due_after_the_terms_and_captured_from_the_authorisation(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = two_shipments(payment={"method": "card", "authorized_amount": Decimal("20.00")})
    project(store, runner, order)
    walk(order, shipment_at(order, "DC1"), "pick", "pack")
    order.step(shipment_at(order, "DC1").id, "ship", carrier="UPS", payment_terms_days=30)
    project(store, runner, order)

    account = tables.one("receivables.accounts")
    assert (account["invoiced"], account["captured"], account["paid"]) == (20, 20, 20)
    invoice = tables.one("receivables.invoices")
    assert invoice["amount"] == Decimal("20.00")
    assert invoice["open_amount"] == 0
    assert invoice["due_on"] - invoice["issued_on"] == timedelta(days=30)


def test_payments_credit_memos_and_write_offs_settle_the_oldest_invoice_first(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = two_shipments()
    for node in ("DC1", "DC2"):
        walk(order, shipment_at(order, node), "pick", "pack")
        order.step(shipment_at(order, node).id, "ship", carrier="UPS")
    project(store, runner, order)
    first, second = order.invoices
    order.record_payment(Decimal("12.00"), "wire", "P-1")
    project(store, runner, order)
    order.write_off(first, "disputed")
    order.issue_credit_memo(uuid4(), Decimal("1.00"))
    project(store, runner, order)

    invoices = {r["invoice_number"]: r for r in tables.rows("receivables.invoices")}
    assert (invoices[first]["open_amount"], invoices[first]["written_off"]) == (0, 8)
    assert invoices[second]["open_amount"] == 4
    account = tables.one("receivables.accounts")
    balance = account["invoiced"] - account["paid"] - account["credited"] - account["written_off"]
    assert balance == Decimal("4.00")
