"""Fulfilment steps on shipments: allowed sources, documents, invoices and holds."""

from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidRequest, NotAllowed, NotFound
from domain.shipment import STEPS
from domain.values import HoldType, ShipmentStatus
from tests.unit.domain.builders import (
    a_shipment_in,
    an_allocated_order,
    events_of,
    only_shipment,
    walk,
)

S = ShipmentStatus
PICKUP_STEPS = {"ready-for-pickup", "collect"}


# The steps a caller takes (a transfer's arrival is recorded by its store's receipt).
TAKEN = {step: rule for step, rule in STEPS.items() if step != "arrive"}
ALLOWED = [(step, s) for step, (sources, _) in TAKEN.items() for s in sorted(sources)]
REFUSED = [(step, s) for step, (sources, _) in TAKEN.items() for s in S if s not in sources]


@pytest.mark.parametrize(("step", "status"), ALLOWED)
def test_a_step_moves_a_shipment_on_from_each_status_it_is_allowed_from(step, status):
    order, shipment = a_shipment_in(status, pickup=step in PICKUP_STEPS)

    order.step(shipment.id, step, carrier="DHL", reason="no stock")

    assert shipment.status == STEPS[step][1]


@pytest.mark.parametrize(("step", "status"), REFUSED)
def test_a_step_is_refused_from_every_other_status(step, status):
    order, shipment = a_shipment_in(status, pickup=step in PICKUP_STEPS)
    events_of(order)

    with pytest.raises(NotAllowed):
        order.step(shipment.id, step, carrier="DHL")
    assert shipment.status == status
    assert events_of(order) == []


def test_no_caller_takes_the_arrive_step_a_transfers_receipt_records():
    order, shipment = a_shipment_in(S.SHIPPED, pickup=True)
    events_of(order)

    with pytest.raises(InvalidRequest):
        order.step(shipment.id, "arrive")
    assert events_of(order) == []


def test_a_step_on_an_unknown_shipment_is_refused():
    with pytest.raises(NotFound):
        an_allocated_order().step(uuid4(), "pick")


@pytest.mark.parametrize(
    ("steps", "document", "prefix"),
    [
        (("pick",), "pick_list", "PL-"),
        (("pick", "pack"), "packing_slip", "PS-"),
        (("pick", "pack", "ship"), "shipping_label", "LB-"),
    ],
)
def test_picking_packing_and_shipping_each_produce_their_document(steps, document, prefix):
    order = an_allocated_order()
    shipment = walk(order, only_shipment(order), *steps)

    assert shipment.documents[document] == f"{prefix}{shipment.id.hex[:10].upper()}"
    assert len(shipment.documents) == len(steps)


def test_delivery_and_pickup_steps_produce_no_documents():
    order = an_allocated_order(pickup_node="ST1")
    shipment = walk(order, only_shipment(order), "pick", "ready-for-pickup", "collect")

    assert set(shipment.documents) == {"pick_list"}


def test_shipping_records_the_carrier_and_the_given_tracking_number():
    order = an_allocated_order()
    shipment = walk(order, only_shipment(order), "pick", "pack")

    order.step(shipment.id, "ship", carrier="DHL", tracking_number="JD0001")

    assert (shipment.carrier, shipment.tracking_number) == ("DHL", "JD0001")


def test_shipping_without_a_tracking_number_generates_one_from_carrier_and_shipment():
    order = an_allocated_order()
    shipment = walk(order, only_shipment(order), "pick", "pack")

    order.step(shipment.id, "ship", carrier="postnl")

    assert shipment.tracking_number == f"POS{shipment.id.hex[:12].upper()}"


@pytest.mark.parametrize("carrier", [None, ""])
def test_shipping_without_a_carrier_is_refused(carrier):
    order = an_allocated_order()
    shipment = walk(order, only_shipment(order), "pick", "pack")

    with pytest.raises(InvalidRequest):
        order.step(shipment.id, "ship", carrier=carrier)


def test_shipping_issues_an_invoice_for_the_shipment_lines():
    order = an_allocated_order(
        ("SKU-1", 3, "10.00"),
        ("SKU-2", 2, "2.50"),
        shipments={"DC1": {"SKU-1": 2, "SKU-2": 2}, "DC2": {"SKU-1": 1}},
    )
    shipment = next(s for s in order.shipments.values() if s.node_code == "DC1")
    walk(order, shipment, "pick", "pack")
    events_of(order)

    order.step(shipment.id, "ship", carrier="UPS")

    stepped, invoice = order.collect_events()
    assert (type(stepped).__name__, type(invoice).__name__) == ("ShipmentStepped", "InvoiceIssued")
    assert (invoice.shipment_id, invoice.amount) == (shipment.id, Decimal("25.00"))
    assert invoice.invoice_number == f"INV-{shipment.id.hex[:10]}"
    assert order.invoiced == Decimal("25.00")


def test_delivering_a_shipped_shipment_issues_no_second_invoice():
    order = an_allocated_order()
    shipment = walk(order, only_shipment(order), "pick", "pack", "ship")
    events_of(order)

    order.step(shipment.id, "deliver")

    assert events_of(order) == ["ShipmentStepped"]
    assert order.invoiced == Decimal("20.00")


def test_collecting_a_pickup_issues_the_invoice():
    order = an_allocated_order(("SKU-1", 2, "7.25"), pickup_node="ST1")
    shipment = walk(order, only_shipment(order), "pick", "ready-for-pickup")
    events_of(order)

    order.step(shipment.id, "collect")

    assert events_of(order) == ["ShipmentStepped", "InvoiceIssued"]
    assert (shipment.status, order.invoiced) == (S.DELIVERED, Decimal("14.50"))


def test_a_pickup_order_cannot_be_shipped():
    order = an_allocated_order(pickup_node="ST1")
    shipment = walk(order, only_shipment(order), "pick", "pack")

    with pytest.raises(NotAllowed):
        order.step(shipment.id, "ship", carrier="UPS")


@pytest.mark.parametrize("status", sorted(STEPS["ready-for-pickup"][0]))
def test_a_shipment_of_an_order_to_be_shipped_is_never_made_ready_for_pickup(status):
    order, shipment = a_shipment_in(status, pickup=False)

    with pytest.raises(NotAllowed):
        order.step(shipment.id, "ready-for-pickup")
    assert shipment.status == status


def test_a_shipment_of_an_order_to_be_shipped_cannot_be_collected():
    order, shipment = a_shipment_in(S.SHIPPED, pickup=False)

    with pytest.raises(NotAllowed):
        order.step(shipment.id, "collect")


@pytest.mark.parametrize(("step", "status"), [a for a in ALLOWED if a[0] != "reject"])
def test_a_hold_blocks_every_step_but_reject(step, status):
    order, shipment = a_shipment_in(status, pickup=step in PICKUP_STEPS)
    order.place_hold(HoldType.FRAUD, "check")

    with pytest.raises(NotAllowed):
        order.step(shipment.id, step, carrier="UPS")
    assert shipment.status == status


@pytest.mark.parametrize("status", sorted(STEPS["reject"][0]))
def test_a_held_shipment_can_still_be_rejected(status):
    order, shipment = a_shipment_in(status, pickup=False)
    order.place_hold(HoldType.CREDIT, "limit")

    order.step(shipment.id, "reject", reason="damaged")

    assert shipment.status == S.REJECTED
    assert order.rejected_nodes() == {"DC1"}
    assert order.to_source() == {"SKU-1": 2}


def test_releasing_the_last_hold_unblocks_the_steps():
    order = an_allocated_order()
    order.place_hold(HoldType.CREDIT, "limit")
    order.place_hold(HoldType.FRAUD, "check")
    order.release_hold(HoldType.CREDIT)
    with pytest.raises(NotAllowed):
        order.step(only_shipment(order).id, "pick")

    order.release_hold(HoldType.FRAUD)
    order.step(only_shipment(order).id, "pick")

    assert only_shipment(order).status == S.PICKED
