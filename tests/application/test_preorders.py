"""Preorders: where the rules allow it, lines are allocated on supply in transit."""

from datetime import UTC, datetime
from uuid import UUID

import pytest

from application.arrival_policy import ArrivalPolicy
from application.commands import (
    CancelOrder,
    ExpectReceipt,
    ReceiveStock,
    RejectShipment,
    Transfer,
)
from application.oms import OMS
from application.rules_input import ReplaceSourcingRules
from domain.errors import NotAllowed
from tests.application.network import DALLAS, Network

DUE = datetime(2026, 12, 7, 9, tzinfo=UTC)


@pytest.fixture
def expecting(oms: OMS, network: Network) -> Network:
    """Rules allowing preorders, and 3 TEE expected at DC-TX under PO-1."""
    oms.replace_sourcing_rules(ReplaceSourcingRules(preorder_in_transit=True))
    oms.expect_receipt(
        "DC-TX", ExpectReceipt(sku="TEE", quantity=3, expected_at=DUE, reference="PO-1")
    )
    return network


def test_a_line_is_allocated_on_expected_supply_with_its_promised_date(
    oms: OMS, expecting: Network
):
    answer = expecting.place({"TEE": 2})

    assert answer["status"] == "ALLOCATED"
    [shipment] = oms.order(UUID(answer["order_id"])).shipments.values()
    assert (shipment.node_code, shipment.awaiting, shipment.promised) == (
        "DC-TX",
        ("TEE",),
        "2026-12-07",
    )
    stock = oms.stock("DC-TX", "TEE")
    assert (stock.preordered, stock.incoming, stock.available, stock.reserved) == (2, 1, 0, 0)


def test_what_is_neither_on_hand_nor_in_transit_is_backordered(oms: OMS, expecting: Network):
    answer = expecting.place({"TEE": 5})

    assert answer["status"] == "BACKORDERED"
    assert answer["backorders"] == [{"sku": "TEE", "quantity": 2}]


def test_without_the_rule_expected_supply_is_not_promised(oms: OMS, network: Network):
    oms.expect_receipt(
        "DC-TX", ExpectReceipt(sku="TEE", quantity=3, expected_at=DUE, reference="PO-1")
    )

    assert network.place({"TEE": 1})["status"] == "BACKORDERED"


def test_a_preorder_cannot_be_picked_until_its_supply_is_received(oms: OMS, expecting: Network):
    answer = expecting.place({"TEE": 2})
    oid, sid = UUID(answer["order_id"]), UUID(answer["shipments"][0]["shipment_id"])
    with pytest.raises(NotAllowed, match="waits for its stock"):
        oms.step_shipment(oid, sid, "pick")

    oms.receive_stock("DC-TX", ReceiveStock(sku="TEE", quantity=3, reference="PO-1"))
    ArrivalPolicy(oms).run_once()

    oms.step_shipment(oid, sid, "pick")
    stock = oms.stock("DC-TX", "TEE")
    assert (stock.on_hand, stock.reserved, stock.preordered, stock.available) == (3, 2, 0, 1)
    assert not oms.order(oid).shipment(sid).awaiting


def test_supply_arriving_goes_to_preorders_before_anyone_else(oms: OMS, expecting: Network):
    preordered = UUID(expecting.place({"TEE": 3})["order_id"])
    oms.receive_stock("DC-TX", ReceiveStock(sku="TEE", quantity=3, reference="PO-1"))

    assert expecting.place({"TEE": 1})["status"] == "BACKORDERED"
    ArrivalPolicy(oms).run_once()
    assert oms.stock("DC-TX", "TEE").reserved == 3
    assert str(oms.order(preordered).status) == "ALLOCATED"


def test_cancelling_a_preorder_gives_its_supply_back(oms: OMS, expecting: Network):
    oid = UUID(expecting.place({"TEE": 3})["order_id"])

    oms.cancel_order(oid, CancelOrder(reason="changed my mind"))

    stock = oms.stock("DC-TX", "TEE")
    assert (stock.preordered, stock.incoming) == (0, 3)
    assert expecting.place({"TEE": 3})["status"] == "ALLOCATED"


def test_a_preorder_on_a_transfer_in_transit_has_no_promised_date(oms: OMS, network: Network):
    oms.replace_sourcing_rules(ReplaceSourcingRules(preorder_in_transit=True))
    network.stock("DC-NJ", "MUG", 2)
    oms.transfer_stock("DC-NJ", Transfer(to_node="DC-TX", sku="MUG", quantity=2))

    answer = network.place({"MUG": 1}, to=DALLAS)

    [shipment] = answer["shipments"]
    assert (shipment["node_code"], shipment["awaiting_stock"]) == ("DC-TX", ["MUG"])
    assert shipment["promised_date"] is None


def test_a_rejected_preorder_gives_its_supply_back(oms: OMS, expecting: Network):
    answer = expecting.place({"TEE": 2})
    oid, sid = UUID(answer["order_id"]), UUID(answer["shipments"][0]["shipment_id"])

    oms.reject_shipment(oid, sid, RejectShipment(reason="cannot wait"))

    stock = oms.stock("DC-TX", "TEE")
    assert (stock.preordered, stock.incoming) == (0, 3)
    assert str(oms.order(oid).status) == "BACKORDERED"


def test_the_policy_fills_each_preorder_once_with_two_policies_running(
    oms: OMS, expecting: Network
):
    first, second = (UUID(expecting.place({"TEE": 1})["order_id"]) for _ in range(2))
    oms.receive_stock("DC-TX", ReceiveStock(sku="TEE", quantity=3, reference="PO-1"))

    ArrivalPolicy(oms).run_once()
    ArrivalPolicy(oms).run_once()

    stock = oms.stock("DC-TX", "TEE")
    assert (stock.reserved, stock.preordered, stock.available) == (2, 0, 1)
    assert all(not s.awaiting for o in (first, second) for s in oms.order(o).shipments.values())
