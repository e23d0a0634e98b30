"""Kits in preorders: a ship-together kit partly in transit is preordered whole at one node."""

from datetime import UTC, datetime
from uuid import UUID

import pytest

from application.arrival_policy import ArrivalPolicy
from application.commands import CancelOrder, DefineKit, ExpectReceipt, ReceiveStock
from application.oms import OMS
from application.rules_input import ReplaceSourcingRules
from domain.errors import NotAllowed
from tests.application.network import DALLAS, Network

DUE = datetime(2026, 12, 9, 9, tzinfo=UTC)


def expect(oms: OMS, code: str, sku: str, quantity: int, reference: str) -> None:
    receipt = ExpectReceipt(sku=sku, quantity=quantity, expected_at=DUE, reference=reference)
    oms.expect_receipt(code, receipt)


def levels(oms: OMS, code: str, sku: str) -> tuple[int, int, int, int]:
    s = oms.stock(code, sku)
    return s.on_hand, s.reserved, s.in_transit, s.preordered


@pytest.fixture
def camera(oms: OMS, network: Network) -> Network:
    """Preorders allowed; a ship-together kit CAMERA of one BODY and two LENSes."""
    oms.replace_sourcing_rules(ReplaceSourcingRules(preorder_in_transit=True))
    for sku in ("BODY", "LENS"):
        network.known("DC-TX", sku)  # known SKUs, nothing on hand yet
    parts = [{"sku": "BODY", "quantity": 1}, {"sku": "LENS", "quantity": 2}]
    oms.define_kit("CAMERA", DefineKit(components=parts, ship_together=True))
    return network


def test_a_kit_whose_components_are_partly_in_transit_is_preordered_whole_at_one_node(
    oms: OMS, camera: Network
):
    camera.stock("DC-TX", "BODY", 1)
    expect(oms, "DC-TX", "LENS", 2, "PO-7")
    camera.stock("DC-NJ", "LENS", 2)  # lenses elsewhere, but no body there

    answer = camera.place({"CAMERA": 1})

    assert (answer["status"], answer["backorders"]) == ("ALLOCATED", [])
    [shipment] = answer["shipments"]
    assert shipment["node_code"] == "DC-TX"
    assert shipment["lines"] == [{"sku": "BODY", "quantity": 1}, {"sku": "LENS", "quantity": 2}]
    assert (shipment["awaiting_stock"], shipment["promised_date"]) == (["LENS"], "2026-12-09")
    assert levels(oms, "DC-TX", "BODY") == (1, 1, 0, 0)  # the body reserved at once
    assert levels(oms, "DC-TX", "LENS") == (0, 0, 2, 2)  # the lenses held in transit
    assert levels(oms, "DC-NJ", "LENS") == (2, 0, 0, 0)


def test_the_kit_is_picked_only_once_its_components_in_transit_arrived(oms: OMS, camera: Network):
    camera.stock("DC-TX", "BODY", 1)
    expect(oms, "DC-TX", "LENS", 2, "PO-7")
    answer = camera.place({"CAMERA": 1})
    oid, sid = UUID(answer["order_id"]), UUID(answer["shipments"][0]["shipment_id"])
    with pytest.raises(NotAllowed):
        oms.step_shipment(oid, sid, "pick")

    oms.receive_stock("DC-TX", ReceiveStock(sku="LENS", quantity=2, reference="PO-7"))
    ArrivalPolicy(oms).run_once()
    oms.step_shipment(oid, sid, "pick")

    assert oms.order(oid).shipment(sid).awaiting == ()
    assert levels(oms, "DC-TX", "LENS") == (2, 2, 0, 0)


def test_a_kit_wholly_in_transit_comes_from_the_one_node_with_every_component(
    oms: OMS, camera: Network
):
    expect(oms, "DC-TX", "BODY", 1, "PO-1")  # nearest Dallas, but no lenses coming
    expect(oms, "DC-NJ", "BODY", 1, "PO-2")
    expect(oms, "DC-NJ", "LENS", 2, "PO-3")

    [shipment] = camera.place({"CAMERA": 1}, to=DALLAS)["shipments"]

    assert shipment["node_code"] == "DC-NJ"
    assert shipment["awaiting_stock"] == ["BODY", "LENS"]


def test_cancelling_a_preordered_kit_releases_the_reserved_and_the_held_components(
    oms: OMS, camera: Network
):
    camera.stock("DC-TX", "BODY", 1)
    expect(oms, "DC-TX", "LENS", 2, "PO-7")
    oid = UUID(camera.place({"CAMERA": 1})["order_id"])

    oms.cancel_order(oid, CancelOrder(reason="no longer wanted"))

    assert levels(oms, "DC-TX", "BODY") == (1, 0, 0, 0)
    assert levels(oms, "DC-TX", "LENS") == (0, 0, 2, 0)


def test_a_component_neither_on_hand_nor_in_transit_wholly_leaves_the_kit_backordered(
    oms: OMS, camera: Network
):
    camera.stock("DC-TX", "BODY", 1)
    camera.stock("DC-TX", "LENS", 1)
    expect(oms, "DC-TX", "LENS", 1, "PO-7")  # one lens each way: neither covers two

    answer = camera.place({"CAMERA": 1})

    assert (answer["shipments"], answer["backorders"]) == (
        [],
        [{"sku": "CAMERA", "quantity": 1}],
    )
    assert levels(oms, "DC-TX", "LENS")[1:] == (0, 1, 0)  # nothing held for a part of it


def test_a_kit_no_one_node_can_supply_whole_is_not_preordered_part_by_part(
    oms: OMS, camera: Network
):
    expect(oms, "DC-TX", "BODY", 1, "PO-1")
    expect(oms, "DC-NJ", "LENS", 2, "PO-3")

    answer = camera.place({"CAMERA": 1}, to=DALLAS)

    assert (answer["shipments"], answer["backorders"]) == (
        [],
        [{"sku": "CAMERA", "quantity": 1}],
    )
