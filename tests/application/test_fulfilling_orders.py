from uuid import UUID

import pytest

from application.commands import (
    CancelOrder,
    ChangeLine,
    Line,
    PlaceHold,
    RejectShipment,
    ShipShipment,
)
from domain.errors import NotAllowed
from domain.values import HoldType
from tests.application.network import DALLAS, Network


def ids(answer: dict) -> tuple[UUID, UUID]:
    return UUID(answer["order_id"]), UUID(answer["shipments"][0]["shipment_id"])


def test_shipping_takes_the_units_off_hand_and_out_of_reservation(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    answer = network.place({"TEE": 2})
    network.deliver(answer)
    stock = network.oms.stock("DC-NJ", "TEE")
    assert (stock.on_hand, stock.reserved, stock.available) == (3, 0, 3)
    order = network.oms.order(UUID(answer["order_id"]))
    assert order.status == "DELIVERED"
    assert order.invoiced == 20


def test_a_rejected_shipment_is_re_sourced_from_another_node(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    network.stock("DC-TX", "TEE", 5)
    oid, sid = ids(network.place({"TEE": 2}))
    answer = network.oms.reject_shipment(oid, sid, RejectShipment(reason="damaged in store"))
    nodes = {s["node_code"]: s["status"] for s in answer["shipments"]}
    assert nodes == {"DC-NJ": "REJECTED", "DC-TX": "ALLOCATED"}
    assert network.available("DC-NJ", "TEE") == 5
    assert network.available("DC-TX", "TEE") == 3


def test_a_rejection_with_nowhere_else_to_go_backorders(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    oid, sid = ids(network.place({"TEE": 2}))
    answer = network.oms.reject_shipment(oid, sid, RejectShipment(reason="lost"))
    assert answer["status"] == "BACKORDERED"
    assert answer["backorders"] == [{"sku": "TEE", "quantity": 2}]


def test_a_partial_cancel_releases_only_the_cancelled_units(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    oid, _ = ids(network.place({"TEE": 3}))
    network.oms.cancel_order(
        oid, CancelOrder(reason="changed mind", lines=[{"sku": "TEE", "quantity": 2}])
    )
    assert network.available("DC-NJ", "TEE") == 4
    assert network.oms.order(oid).lines["TEE"].cancelled == 2


def test_a_full_cancel_releases_everything_and_cancels_the_order(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    network.stock("DC-TX", "CAP", 1)
    oid, _ = ids(network.place({"TEE": 3, "CAP": 2}))
    answer = network.oms.cancel_order(oid, CancelOrder(reason="fraud"))
    assert answer["status"] == "CANCELLED"
    assert network.available("DC-NJ", "TEE") == 5
    assert network.available("DC-TX", "CAP") == 1


def test_a_cancelled_shipment_cannot_be_shipped(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    oid, sid = ids(network.place({"TEE": 1}))
    network.oms.cancel_order(oid, CancelOrder(reason="fraud"))
    with pytest.raises(NotAllowed):
        network.oms.step_shipment(oid, sid, "pick")


def test_a_hold_stops_fulfilment_until_released(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    oid, sid = ids(network.place({"TEE": 1}))
    network.oms.place_hold(oid, PlaceHold(type=HoldType.FRAUD, reason="score 97"))
    with pytest.raises(NotAllowed, match="on hold"):
        network.oms.step_shipment(oid, sid, "pick")
    network.oms.release_hold(oid, HoldType.FRAUD)
    assert network.oms.step_shipment(oid, sid, "pick")["status"] == "ALLOCATED"


def test_the_call_centre_can_add_and_raise_lines_after_placement(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    network.stock("DC-NJ", "CAP", 5)
    oid, _ = ids(network.place({"TEE": 1}))
    network.oms.add_line(oid, Line(sku="CAP", quantity=2, unit_price="7.50"))
    answer = network.oms.change_line(oid, "TEE", ChangeLine(quantity=3))
    assert network.available("DC-NJ", "TEE") == 2
    assert network.available("DC-NJ", "CAP") == 3
    assert len(answer["shipments"]) == 3


def test_lowering_a_line_releases_stock(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    oid, _ = ids(network.place({"TEE": 4}))
    network.oms.change_line(oid, "TEE", ChangeLine(quantity=1))
    assert network.available("DC-NJ", "TEE") == 4


def test_buy_online_pick_up_in_store_ends_delivered_when_collected(network: Network) -> None:
    network.stock("STORE-NYC", "TEE", 2)
    oid, sid = ids(network.place({"TEE": 1}, pickup="STORE-NYC"))
    network.oms.step_shipment(oid, sid, "pick")
    ready = network.oms.step_shipment(oid, sid, "ready-for-pickup")
    assert ready["status"] == "READY_FOR_PICKUP"
    done = network.oms.step_shipment(oid, sid, "collect")
    assert done["status"] == "DELIVERED"
    assert network.oms.stock("STORE-NYC", "TEE").on_hand == 1


def test_a_shipped_order_gets_a_tracking_number_and_partial_status(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 1)
    network.stock("DC-TX", "TEE", 1)
    answer = network.place({"TEE": 2}, to=DALLAS)
    oid = UUID(answer["order_id"])
    sid = UUID(answer["shipments"][0]["shipment_id"])
    network.oms.step_shipment(oid, sid, "pick")
    network.oms.step_shipment(oid, sid, "pack")
    shipped = network.oms.step_shipment(oid, sid, "ship", ShipShipment(carrier="FedEx"))
    assert shipped["status"] == "PARTIALLY_SHIPPED"
    assert shipped["shipments"][0]["tracking_number"].startswith("FED")
