"""The order tracking read model: one test per Order event, each checked against the aggregate."""

from __future__ import annotations

from dataclasses import asdict
from decimal import Decimal
from typing import Any
from uuid import uuid4

import pytest

from domain.order import Order
from domain.order_status import derive_status
from domain.order_values import Address, Delivery
from domain.shipment import GONE, LIVE
from domain.values import HoldType, ShipmentStatus
from projections import ProjectionRunner, rows
from tests.integration.projections.conftest import EventStore, Tables
from tests.unit.domain.builders import (
    a_placed_order,
    a_plan,
    an_allocated_order,
    only_shipment,
    walk,
)

DELIVERED = frozenset({ShipmentStatus.DELIVERED})


def project(store: EventStore, runner: ProjectionRunner, order: Order) -> list[Any]:
    events = store.record(order)
    runner.catch_up()
    return events


def assert_rows_match(tables: Tables, order: Order) -> None:
    """The tracking rows say what the aggregate says."""
    row = tables.one("order_tracking.orders", "order_id = %s", order.id)
    assert row["status"] == derive_status(order)
    assert (row["total"], row["paid"], row["invoiced"], row["refunded"]) == (
        order.total,
        order.paid,
        order.invoiced,
        order.refunded,
    )
    assert (row["holds"], Delivery.from_dict(row["delivery"]), row["version"]) == (
        order.holds,
        order.delivery,
        order.version,
    )
    assert row["updated_at"] == order.modified_on
    lines = {
        r["sku"]: r for r in tables.rows("order_tracking.order_lines", "order_id = %s", order.id)
    }
    assert set(lines) == set(order.lines)
    for sku, line in order.lines.items():
        r = lines[sku]
        assert (r["ordered"], r["cancelled"], r["backordered"], r["returned"]) == (
            line.quantity,
            line.cancelled,
            line.backordered,
            line.returned,
        )
        assert (r["allocated"], r["shipped"], r["delivered"]) == (
            order.in_shipments(sku, LIVE),
            order.in_shipments(sku, GONE),
            order.in_shipments(sku, DELIVERED),
        )
    shipments = {
        str(r["shipment_id"]): r
        for r in tables.rows("order_tracking.shipments", "order_id = %s", order.id)
    }
    assert set(shipments) == {str(sid) for sid in order.shipments}
    for shipment in order.shipments.values():
        sid = shipment.id
        r = shipments[str(sid)]
        assert (r["node_code"], r["status"], r["carrier"], r["tracking_number"]) == (
            shipment.node_code,
            shipment.status,
            shipment.carrier,
            shipment.tracking_number,
        )
        assert r["documents"] == shipment.documents
        carried = tables.rows("order_tracking.shipment_lines", "shipment_id = %s", sid)
        assert {c["sku"]: c["quantity"] for c in carried} == shipment.lines


def timeline(tables: Tables, order: Order) -> list[tuple[str, str]]:
    rows = tables.rows("order_tracking.order_timeline", "order_id = %s", order.id)
    return [(r["type"], r["detail"]) for r in rows]


def test_a_placed_order_gets_its_row_lines_and_first_timeline_entry(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = a_placed_order(("TEE", 2, "10.00"), ("CAP", 1, "5.50"), external_ref="W-1")
    project(store, runner, order)
    row = tables.one("order_tracking.orders")
    assert (row["status"], row["channel"], row["external_ref"]) == ("PLACED", "WEB", "W-1")
    assert (row["customer_id"], row["customer_name"], row["delivery_method"]) == (
        "C-1",
        "Ada Lovelace",
        "SHIP",
    )
    assert row["total"] == Decimal("25.50")
    assert row["placed_at"] == order.created_on
    assert [r["line_no"] for r in tables.rows("order_tracking.order_lines")] == [2, 1]
    assert timeline(tables, order) == [("Placed", "Placed via WEB by C-1: 3 units, total 25.50")]
    assert_rows_match(tables, order)


def test_an_allocation_creates_shipments_and_records_the_backorder(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = a_placed_order(("TEE", 3, "10.00"))
    order.allocate(a_plan({"DC-DAL": {"TEE": 2}}), reason="placement")
    project(store, runner, order)
    (shipment,) = tables.rows("order_tracking.shipments")
    assert (shipment["seq"], shipment["status"], shipment["allocated_at"]) == (
        1,
        "ALLOCATED",
        order.modified_on,
    )
    line = tables.one("order_tracking.order_lines")
    assert (line["allocated"], line["backordered"]) == (2, 1)
    assert tables.one("order_tracking.orders")["status"] == "BACKORDERED"
    assert timeline(tables, order)[-1] == (
        "Allocated",
        "Allocated to DC-DAL (2 units), 1 backordered",
    )
    assert_rows_match(tables, order)


def test_a_hold_puts_the_order_on_hold(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    order.place_hold(HoldType.FRAUD, "velocity check")
    project(store, runner, order)
    row = tables.one("order_tracking.orders")
    assert (row["status"], row["holds"]) == ("ON_HOLD", {"FRAUD": "velocity check"})
    assert timeline(tables, order)[-1] == ("HoldPlaced", "FRAUD hold placed: velocity check")
    assert_rows_match(tables, order)


def test_a_released_hold_gives_back_the_status_beneath(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    order.place_hold(HoldType.CREDIT, "limit")
    project(store, runner, order)
    order.release_hold(HoldType.CREDIT)
    project(store, runner, order)
    assert tables.one("order_tracking.orders")["status"] == "ALLOCATED"
    assert_rows_match(tables, order)


def test_a_partial_cancel_takes_the_backorder_first_then_the_shipment(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = a_placed_order(("TEE", 4, "10.00"))
    order.allocate(a_plan({"DC-DAL": {"TEE": 3}}), reason="placement")
    project(store, runner, order)
    order.cancel("changed mind", {"TEE": 2})
    project(store, runner, order)
    line = tables.one("order_tracking.order_lines")
    assert (line["cancelled"], line["backordered"], line["allocated"]) == (2, 0, 2)
    assert tables.one("order_tracking.orders")["total"] == Decimal("20.00")
    assert timeline(tables, order)[-1] == ("Cancelled", "Cancelled 2 x TEE: changed mind")
    assert_rows_match(tables, order)


def test_a_full_cancel_cancels_the_order_and_its_emptied_shipment(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    order.cancel("fraud")
    project(store, runner, order)
    assert tables.one("order_tracking.orders")["status"] == "CANCELLED"
    shipment = tables.one("order_tracking.shipments")
    assert (shipment["status"], shipment["cancelled_at"]) == ("CANCELLED", order.modified_on)
    assert tables.rows("order_tracking.shipment_lines") == []
    assert_rows_match(tables, order)


def test_a_changed_address_is_the_new_delivery_address(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    address = Address("Coolsingel 40", "Rotterdam", "3011 AD", "NL", lat=51.92, lon=4.48)
    order.change_address(address)
    project(store, runner, order)
    assert tables.one("order_tracking.orders")["delivery"]["address"] == asdict(address)
    assert timeline(tables, order)[-2:] == [
        ("AddressChanged", "Delivery address changed (to NL)"),
        (
            "AllocationsWithdrawn",
            "Allocations at DC1 (2 units) withdrawn to source again: address changed",
        ),
    ]
    shipment = tables.one("order_tracking.shipments")
    assert (shipment["status"], shipment["cancelled_at"] is not None) == ("CANCELLED", True)
    assert_rows_match(tables, order)


def test_an_added_line_gets_the_next_line_number(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    order.add_line("CAP", 2, Decimal("7.25"))
    project(store, runner, order)
    line = tables.one("order_tracking.order_lines", "sku = %s", "CAP")
    assert (line["line_no"], line["ordered"], line["unit_price"]) == (2, 2, Decimal("7.25"))
    assert timeline(tables, order)[-1] == ("LineAdded", "Line added: 2 x CAP at 7.25")
    assert_rows_match(tables, order)


def test_an_increased_line_orders_more(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order(("TEE", 2, "10.00"))
    order.change_quantity("TEE", 5)
    project(store, runner, order)
    line = tables.one("order_tracking.order_lines")
    assert (line["ordered"], line["allocated"], line["amount"]) == (5, 2, Decimal("50.00"))
    assert_rows_match(tables, order)


def test_each_fulfilment_step_moves_the_shipment_and_stamps_its_time(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    shipment = only_shipment(order)
    expected = [
        ("pick", "PICKED", "picked_at"),
        ("pack", "PACKED", "packed_at"),
        ("ship", "SHIPPED", "shipped_at"),
        ("deliver", "DELIVERED", "delivered_at"),
    ]
    for step, status, stamp in expected:
        walk(order, shipment, step)
        events = project(store, runner, order)
        stepped = next(e for e in events if isinstance(e, Order.ShipmentStepped))
        row = tables.one("order_tracking.shipments")
        assert row["status"] == status
        assert row[stamp] == stepped.timestamp
        assert_rows_match(tables, order)
    assert tables.one("order_tracking.orders")["status"] == "DELIVERED"
    details = [d for t, d in timeline(tables, order) if t == "ShipmentStepped"]
    assert details[2] == f"Shipped by UPS from DC1, tracking {shipment.tracking_number}"


def test_a_pickup_order_is_ready_then_collected(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order(pickup_node="STORE-1")
    shipment = walk(order, only_shipment(order), "pick", "ready-for-pickup")
    project(store, runner, order)
    assert tables.one("order_tracking.orders")["status"] == "READY_FOR_PICKUP"
    assert tables.one("order_tracking.shipments")["ready_at"] == order.modified_on
    walk(order, shipment, "collect")
    project(store, runner, order)
    assert timeline(tables, order)[-2:] == [
        ("ShipmentStepped", "Collected 2 units at STORE-1"),
        ("InvoiceIssued", f"Invoice INV-{shipment.id.hex[:10]} for 20.00"),
    ]
    assert_rows_match(tables, order)


def test_a_rejected_shipment_keeps_its_reason_and_the_order_needs_sourcing(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    order.step(only_shipment(order).id, "reject", reason="damaged")
    project(store, runner, order)
    row = tables.one("order_tracking.shipments")
    assert (row["status"], row["reject_reason"]) == ("REJECTED", "damaged")
    assert tables.one("order_tracking.order_lines")["allocated"] == 0
    assert timeline(tables, order)[-1] == ("ShipmentStepped", "Rejected by DC1: damaged")
    assert_rows_match(tables, order)


def test_an_invoice_on_shipment_adds_to_the_invoiced_amount(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order(("TEE", 2, "10.00"))
    walk(order, only_shipment(order), "pick", "pack", "ship")
    project(store, runner, order)
    assert tables.one("order_tracking.orders")["invoiced"] == Decimal("20.00")
    assert timeline(tables, order)[-1][0] == "InvoiceIssued"
    assert_rows_match(tables, order)


def test_a_recorded_payment_adds_to_the_paid_amount(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    order.record_payment(Decimal("12.50"), "card", "PAY-1")
    order.record_payment(Decimal("7.50"), "card", "PAY-2")
    project(store, runner, order)
    assert tables.one("order_tracking.orders")["paid"] == Decimal("20.00")
    assert timeline(tables, order)[-1] == ("PaymentRecorded", "Payment of 7.50 by card (PAY-2)")
    assert_rows_match(tables, order)


def test_a_recorded_return_counts_as_returned_until_withdrawn(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order(("TEE", 2, "10.00"))
    walk(order, only_shipment(order), "pick", "pack", "ship", "deliver")
    rma = uuid4()
    order.record_return(rma, {"TEE": 1})
    project(store, runner, order)
    assert tables.one("order_tracking.order_lines")["returned"] == 1
    assert tables.one("order_tracking.orders")["recorded_returns"] == {str(rma): {"TEE": 1}}
    assert_rows_match(tables, order)
    order.withdraw_return(rma)
    project(store, runner, order)
    assert tables.one("order_tracking.order_lines")["returned"] == 0
    assert timeline(tables, order)[-1] == ("ReturnWithdrawn", "Return withdrawn")
    assert_rows_match(tables, order)


def test_a_credit_memo_adds_to_the_refunded_amount(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order(("TEE", 2, "10.00"))
    walk(order, only_shipment(order), "pick", "pack", "ship", "deliver")
    rma = uuid4()
    order.record_return(rma, {"TEE": 1})
    order.issue_credit_memo(rma, Decimal("10.00"))
    project(store, runner, order)
    assert tables.one("order_tracking.orders")["refunded"] == Decimal("10.00")
    assert timeline(tables, order)[-1] == (
        "CreditMemoIssued",
        f"Credit memo CM-{rma.hex[:10]} for 10.00",
    )
    assert_rows_match(tables, order)


def test_a_closed_order_is_closed(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    walk(order, only_shipment(order), "pick", "pack", "ship", "deliver")
    order.close()
    project(store, runner, order)
    assert tables.one("order_tracking.orders")["status"] == "CLOSED"
    assert timeline(tables, order)[-1] == ("Closed", "Order closed")
    assert_rows_match(tables, order)


def test_the_timeline_has_one_row_per_event_in_version_order(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    walk(order, only_shipment(order), "pick", "pack")
    project(store, runner, order)
    rows = tables.rows("order_tracking.order_timeline")
    assert [r["version"] for r in rows] == [1, 2, 3, 4]
    assert [r["type"] for r in rows] == [
        "Placed",
        "Allocated",
        "ShipmentStepped",
        "ShipmentStepped",
    ]
    assert rows == sorted(rows, key=lambda r: r["position"])


def test_each_timeline_row_holds_the_orders_status_after_its_event(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    order = an_allocated_order()
    walk(order, only_shipment(order), "pick", "pack", "ship", "deliver")
    project(store, runner, order)
    rows = tables.rows("order_tracking.order_timeline")
    assert [(r["type"], r["status"]) for r in rows] == [
        ("Placed", "PLACED"),
        ("Allocated", "ALLOCATED"),
        ("ShipmentStepped", "ALLOCATED"),
        ("ShipmentStepped", "ALLOCATED"),
        ("ShipmentStepped", "SHIPPED"),
        ("InvoiceIssued", "SHIPPED"),
        ("ShipmentStepped", "DELIVERED"),
    ]


def test_a_batch_looks_up_the_rows_of_earlier_orders_only_not_of_those_it_places(
    store: EventStore,
    runner: ProjectionRunner,
    tables: Tables,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    earlier = a_placed_order(("TEE", 3, "10.00"))
    project(store, runner, earlier)
    looked_up: set[Any] = set()
    fetch = rows.fetch

    def recording(cur: Any, table: str, column: str, keys: Any) -> list[Any]:
        looked_up.update(keys)
        return fetch(cur, table, column, keys)

    monkeypatch.setattr(rows, "fetch", recording)
    earlier.allocate(a_plan({"DC-DAL": {"TEE": 2}}), reason="placement")
    placed = a_placed_order(("CAP", 1, "5.50"))
    store.record(earlier, placed)  # one batch for every read model
    runner.catch_up()

    assert earlier.id in looked_up  # by order tracking and receivables
    assert placed.id not in looked_up
    assert_rows_match(tables, earlier)
    assert_rows_match(tables, placed)
    assert tables.one("receivables.accounts", "order_id = %s", placed.id)["authorized"] == 0
