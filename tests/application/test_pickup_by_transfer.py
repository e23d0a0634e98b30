"""BOPIS by transfer: a pickup store without the stock is served from another node."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from application.commands import (
    CancelOrder,
    DefineKit,
    ReceiveTransfer,
    RejectShipment,
    ScanShipment,
    SetSafetyStock,
    ShipShipment,
)
from application.oms import OMS
from application.pickup_expiry import PickupExpiry
from domain.errors import InvalidRequest, NotAllowed
from tests.application.network import Network

STORE = "STORE-NYC"


def levels(oms: OMS, code: str, sku: str = "TEE") -> tuple[int, int, int, int, int]:
    s = oms.stock(code, sku)
    return s.on_hand, s.reserved, s.available, s.in_transit, s.preordered


def transferred(network: Network, lines: dict[str, int] | None = None) -> tuple[UUID, UUID]:
    lines = lines or {"TEE": 2}
    for sku in lines:
        network.stock("DC-NJ", sku, 5)
    answer = network.place(lines, pickup=STORE)
    [shipment] = answer["shipments"]
    assert (shipment["node_code"], shipment["type"], shipment["transfer_to"]) == (
        "DC-NJ",
        "TRANSFER",
        STORE,
    )
    return UUID(answer["order_id"]), UUID(shipment["shipment_id"])


def sent(oms: OMS, oid: UUID, sid: UUID) -> None:
    oms.step_shipment(oid, sid, "pick")
    oms.step_shipment(oid, sid, "pack")
    oms.step_shipment(oid, sid, "ship", ShipShipment(carrier="UPS"))


def arrived(oms: OMS, oid: UUID, sid: UUID, skus: tuple[str, ...] = ("TEE",)) -> None:
    sent(oms, oid, sid)
    for sku in skus:
        oms.receive_transfer(STORE, sid, ReceiveTransfer(sku=sku))


def test_the_store_lacking_stock_gets_a_transfer_from_the_node_sourcing_chooses(
    oms: OMS, network: Network
):
    oid, _ = transferred(network)

    order = oms.order(oid)
    assert str(order.status) == "ALLOCATED"
    assert levels(oms, "DC-NJ") == (5, 2, 3, 0, 0)
    [*_, allocated] = oms.events.get(oid)
    assert allocated.explanation["transfers"]["to"] == STORE
    assert allocated.explanation["transfers"]["chosen"] == ["DC-NJ"]


def test_a_shipped_transfer_is_in_transit_at_the_store_held_for_its_order_and_not_invoiced(
    oms: OMS, network: Network
):
    oid, sid = transferred(network)
    sent(oms, oid, sid)

    assert levels(oms, "DC-NJ") == (3, 0, 3, 0, 0)
    assert levels(oms, STORE) == (0, 0, 0, 2, 2)  # in transit, held: no preorder takes it
    order = oms.order(oid)
    assert (str(order.status), order.shipment(sid).awaiting) == ("SHIPPED", ("TEE",))
    assert order.invoices == {}


def test_a_transfer_received_at_the_store_is_reserved_there_and_ready_for_pickup(
    oms: OMS, network: Network
):
    oid, sid = transferred(network)
    arrived(oms, oid, sid)

    order = oms.order(oid)
    shipment = order.shipment(sid)
    assert (str(order.status), str(shipment.status)) == ("READY_FOR_PICKUP", "READY_FOR_PICKUP")
    assert (shipment.node_code, shipment.awaiting) == (STORE, ())
    assert levels(oms, STORE) == (2, 2, 0, 0, 0)


def test_the_customer_collects_a_transfer_at_the_store_and_is_invoiced_once(
    oms: OMS, network: Network
):
    oid, sid = transferred(network)
    sent(oms, oid, sid)
    oms.set_safety_stock(STORE, "TEE", SetSafetyStock(quantity=5))  # the goods are the order's
    oms.receive_transfer(STORE, sid, ReceiveTransfer(sku="TEE"))

    oms.step_shipment(oid, sid, "collect")

    order = oms.order(oid)
    assert str(order.status) == "DELIVERED"
    assert len(order.invoices) == 1
    assert levels(oms, STORE)[:2] == (0, 0)


def test_a_transfer_of_two_skus_is_ready_only_once_both_have_arrived(oms: OMS, network: Network):
    oid, sid = transferred(network, {"TEE": 1, "CAP": 1})
    sent(oms, oid, sid)

    oms.receive_transfer(STORE, sid, ReceiveTransfer(sku="TEE"))
    assert (str(oms.order(oid).status), oms.order(oid).shipment(sid).awaiting) == (
        "SHIPPED",
        ("CAP",),
    )
    oms.receive_transfer(STORE, sid, ReceiveTransfer(sku="CAP"))

    assert str(oms.order(oid).status) == "READY_FOR_PICKUP"
    assert levels(oms, STORE, "CAP") == (1, 1, 0, 0, 0)


def test_a_transfer_is_not_ready_for_pickup_before_it_reaches_the_store(oms: OMS, network: Network):
    oid, sid = transferred(network)
    oms.step_shipment(oid, sid, "pick")

    with pytest.raises(NotAllowed):
        oms.step_shipment(oid, sid, "ready-for-pickup")
    with pytest.raises(InvalidRequest):
        oms.step_shipment(oid, sid, "arrive")  # only a receipt at the store says so


def test_a_store_with_the_stock_serves_the_order_itself(oms: OMS, network: Network):
    network.stock("DC-NJ", "TEE", 5)
    network.stock(STORE, "TEE", 2)

    [shipment] = network.place({"TEE": 2}, pickup=STORE)["shipments"]

    assert (shipment["node_code"], shipment["type"], shipment["transfer_to"]) == (
        STORE,
        "PICKUP",
        None,
    )


@pytest.mark.parametrize(
    ("stage", "dc", "store"),
    [
        ("allocated", (5, 0, 5, 0, 0), (0, 0, 0, 0, 0)),
        ("in transit", (3, 0, 3, 0, 0), (0, 0, 0, 2, 0)),
        ("ready", (3, 0, 3, 0, 0), (2, 0, 2, 0, 0)),
    ],
)
def test_cancelling_a_pickup_order_served_by_transfer_releases_everything(
    oms: OMS, network: Network, stage: str, dc: tuple[int, ...], store: tuple[int, ...]
):
    oid, sid = transferred(network)
    if stage == "in transit":
        sent(oms, oid, sid)
    elif stage == "ready":
        arrived(oms, oid, sid)

    oms.cancel_order(oid, CancelOrder(reason="changed my mind"))

    assert str(oms.order(oid).status) == "CANCELLED"
    assert (levels(oms, "DC-NJ"), levels(oms, STORE)) == (dc, store)


def test_a_transfer_cancelled_on_its_way_is_free_stock_at_the_store_when_it_arrives(
    oms: OMS, network: Network
):
    oid, sid = transferred(network)
    sent(oms, oid, sid)
    oms.cancel_order(oid, CancelOrder(reason="changed my mind"))

    oms.receive_transfer(STORE, sid, ReceiveTransfer(sku="TEE"))

    assert levels(oms, STORE) == (2, 0, 2, 0, 0)
    assert str(oms.order(oid).status) == "CANCELLED"


def test_a_partly_cancelled_transfer_holds_only_what_it_still_carries(oms: OMS, network: Network):
    oid, sid = transferred(network, {"TEE": 3})
    sent(oms, oid, sid)
    oms.cancel_order(oid, CancelOrder(reason="one less", lines=[{"sku": "TEE", "quantity": 1}]))
    assert levels(oms, STORE) == (0, 0, 0, 3, 2)

    oms.receive_transfer(STORE, sid, ReceiveTransfer(sku="TEE"))

    assert levels(oms, STORE) == (3, 2, 1, 0, 0)
    assert str(oms.order(oid).status) == "READY_FOR_PICKUP"


def test_a_transfer_not_collected_in_time_expires_like_any_pickup(oms: OMS, network: Network):
    oid, sid = transferred(network)
    arrived(oms, oid, sid)
    later = datetime.now(UTC) + timedelta(days=6)
    oms.clock = lambda: later

    assert PickupExpiry(oms).run_once() == 1

    assert str(oms.order(oid).status) == "CANCELLED"
    assert levels(oms, STORE) == (2, 0, 2, 0, 0)


def test_a_transfer_rejected_by_its_node_is_sent_from_another(oms: OMS, network: Network):
    network.stock("DC-TX", "TEE", 5)
    oid, sid = transferred(network)

    oms.reject_shipment(oid, sid, RejectShipment(reason="damaged"))

    [again] = [s for s in oms.order(oid).shipments.values() if s.id != sid]
    assert (again.node_code, again.transfer_to, str(again.status)) == ("DC-TX", STORE, "ALLOCATED")
    assert levels(oms, "DC-NJ")[:2] == (5, 0)


def test_a_carrier_cannot_deliver_a_transfer_to_the_customer(oms: OMS, network: Network):
    oid, sid = transferred(network)
    sent(oms, oid, sid)
    version = oms.order(oid).version
    at = datetime.now(UTC)

    oms.scan_shipment(oid, sid, ScanShipment(code="IN_TRANSIT", at=at))
    with pytest.raises(NotAllowed):
        oms.scan_shipment(oid, sid, ScanShipment(code="DELIVERED", at=at))

    assert oms.order(oid).version == version + 1
    assert str(oms.order(oid).shipment(sid).status) == "SHIPPED"


def test_a_ship_together_kit_the_store_cannot_fill_whole_comes_whole_by_transfer(
    oms: OMS, network: Network
):
    parts = [{"sku": "BODY", "quantity": 1}, {"sku": "LENS", "quantity": 2}]
    network.stock(STORE, "BODY", 1)  # the store has the body, not the lenses
    network.stock("DC-TX", "LENS", 2)  # lenses alone here
    network.stock("DC-NJ", "BODY", 1)
    network.stock("DC-NJ", "LENS", 2)
    oms.define_kit("CAMERA", DefineKit(components=parts, ship_together=True))

    [shipment] = network.place({"CAMERA": 1}, pickup=STORE)["shipments"]

    assert (shipment["node_code"], shipment["type"]) == ("DC-NJ", "TRANSFER")
    assert shipment["lines"] == [{"sku": "BODY", "quantity": 1}, {"sku": "LENS", "quantity": 2}]
