"""A promise for a pickup answers as placement serves it: what the store lacks comes by
transfer from the node a real order would use."""

from datetime import date, timedelta

from application.oms import OMS
from application.promise_input import PromiseRequest
from tests.application.network import Network

STORE = "STORE-NYC"


def promise(oms: OMS, lines: dict[str, int], requested: date | None = None) -> dict:
    return oms.promise(
        PromiseRequest(
            channel="WEB",
            delivery={"method": "PICKUP", "pickup_node": STORE},
            lines=[{"sku": s, "quantity": q} for s, q in lines.items()],
            requested_date=requested,
        )
    )


def test_a_pickup_promise_names_the_transfer_and_the_node_the_order_then_uses(
    oms: OMS, network: Network
):
    network.stock("DC-NJ", "TEE", 5)
    network.stock("DC-TX", "TEE", 5)

    promised = promise(oms, {"TEE": 2})

    [shipment] = promised["shipments"]
    assert (shipment["node_code"], shipment["type"], shipment["transfer_to"]) == (
        "DC-NJ",  # nearer the store than DC-TX
        "TRANSFER",
        STORE,
    )
    assert shipment["lines"] == [{"sku": "TEE", "quantity": 2}]
    assert promised["backorders"] == []
    assert promised["explanation"]["transfers"]["to"] == STORE
    assert promised["explanation"]["transfers"]["chosen"] == ["DC-NJ"]
    assert network.available("DC-NJ", "TEE") == 5  # nothing reserved

    [placed] = network.place({"TEE": 2}, pickup=STORE)["shipments"]
    assert (placed["node_code"], placed["type"], placed["transfer_to"]) == (
        shipment["node_code"],
        "TRANSFER",
        STORE,
    )


def test_a_transfer_arrives_at_the_store_a_day_or_more_after_it_ships_and_is_ready_then(
    oms: OMS, network: Network
):
    network.stock("DC-TX", "TEE", 5)  # about 2,200 km from the store

    promised = promise(oms, {"TEE": 1}, requested=date.today() + timedelta(days=30))

    [shipment] = promised["shipments"]
    shipped, ready = shipment["ship_date"], shipment["delivery_date"]
    assert shipment["node_code"] == "DC-TX"
    assert ready - shipped == timedelta(days=3)  # 1 day + 2 full 800 km
    [sender] = promised["explanation"]["transfers"]["candidates"]
    assert sender["node"] == "DC-TX"
    assert 1_600 <= sender["distance_km"] < 2_400  # measured to the store
    assert promised["on_time"] is True


def test_a_pickup_promise_keeps_what_the_store_holds_and_transfers_only_the_rest(
    oms: OMS, network: Network
):
    network.stock(STORE, "TEE", 2)
    network.stock("DC-NJ", "MUG", 3)

    promised = promise(oms, {"TEE": 2, "MUG": 1})

    by_type = {s["type"]: s for s in promised["shipments"]}
    assert (by_type["PICKUP"]["node_code"], by_type["PICKUP"]["transfer_to"]) == (STORE, None)
    assert by_type["PICKUP"]["lines"] == [{"sku": "TEE", "quantity": 2}]
    assert by_type["PICKUP"]["delivery_date"] == by_type["PICKUP"]["ship_date"]
    assert by_type["TRANSFER"]["node_code"] == "DC-NJ"
    assert by_type["TRANSFER"]["lines"] == [{"sku": "MUG", "quantity": 1}]


def test_a_pickup_promise_backorders_what_no_node_can_send(oms: OMS, network: Network):
    network.known("DC-NJ", "TEE")

    promised = promise(oms, {"TEE": 1}, requested=date.today() + timedelta(days=30))

    assert promised["shipments"] == []
    assert promised["backorders"] == [{"sku": "TEE", "quantity": 1}]
    assert "transfers" not in promised["explanation"]
    assert promised["on_time"] is False
