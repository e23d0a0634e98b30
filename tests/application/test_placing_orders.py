from uuid import UUID

import pytest

from application.commands import SetNodeStatus
from application.oms import OMS
from domain.errors import InvalidRequest, NotAllowed, NotFound
from domain.node_stock import NodeStock
from domain.order import Order
from tests.application.network import DALLAS, Network


def test_an_order_is_sourced_from_the_nearest_node_that_can_fill_it(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    network.stock("DC-TX", "TEE", 5)
    answer = network.place({"TEE": 2}, to=DALLAS)
    assert answer["status"] == "ALLOCATED"
    assert [s["node_code"] for s in answer["shipments"]] == ["DC-TX"]
    assert network.available("DC-TX", "TEE") == 3


def test_placing_reserves_stock_in_the_same_save_as_the_order(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 1)
    answer = network.place({"TEE": 1})
    stock = network.oms.stock("DC-NJ", "TEE")
    assert stock.reserved == 1
    reserved = [e for e in network.oms.events.get(stock.id) if isinstance(e, NodeStock.Reserved)]
    assert [(e.reference, e.quantity) for e in reserved] == [
        (answer["shipments"][0]["shipment_id"], 1)
    ]
    assert answer["position"] == network.oms.head()


def test_what_no_single_node_can_fill_is_split_and_the_rest_backordered(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 2)
    network.stock("DC-TX", "TEE", 2)
    answer = network.place({"TEE": 5})
    assert answer["status"] == "BACKORDERED"
    assert sorted(s["node_code"] for s in answer["shipments"]) == ["DC-NJ", "DC-TX"]
    assert answer["backorders"] == [{"sku": "TEE", "quantity": 1}]


def test_an_external_reference_makes_a_repeated_placement_return_the_first_answer(
    network: Network,
) -> None:
    network.stock("DC-NJ", "TEE", 5)
    first = network.place({"TEE": 1}, external_ref="WEB-1001")
    again = network.place({"TEE": 1}, external_ref="WEB-1001")
    assert again == first
    assert network.available("DC-NJ", "TEE") == 4


def test_an_idempotency_key_reused_for_another_request_is_refused(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    network.place({"TEE": 1}, idempotency_key="k-1")
    with pytest.raises(NotAllowed, match="different request"):
        network.place({"TEE": 2}, idempotency_key="k-1")


def test_a_pickup_order_takes_what_its_store_holds_and_the_rest_by_transfer(
    network: Network,
) -> None:
    network.stock("DC-NJ", "TEE", 5)
    network.stock("STORE-NYC", "TEE", 1)
    answer = network.place({"TEE": 2}, pickup="STORE-NYC")
    [at_store, sent] = answer["shipments"]
    assert (at_store["node_code"], at_store["type"], at_store["lines"]) == (
        "STORE-NYC",
        "PICKUP",
        [{"sku": "TEE", "quantity": 1}],
    )
    assert (sent["node_code"], sent["type"], sent["transfer_to"]) == (
        "DC-NJ",
        "TRANSFER",
        "STORE-NYC",
    )
    assert answer["backorders"] == []


def test_a_pickup_order_nobody_can_send_to_its_store_is_backordered(network: Network) -> None:
    network.stock("STORE-NYC", "TEE", 1)
    answer = network.place({"TEE": 2}, pickup="STORE-NYC")
    assert [s["node_code"] for s in answer["shipments"]] == ["STORE-NYC"]
    assert answer["backorders"] == [{"sku": "TEE", "quantity": 1}]


def test_an_unknown_sku_is_refused_not_silently_backordered(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    head = network.oms.head()
    with pytest.raises(InvalidRequest, match="NEVER-STOCKED"):
        network.place({"TEE": 1, "NEVER-STOCKED": 1})
    assert network.oms.head() == head


def test_a_sku_stocked_once_and_sold_out_is_backordered(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 1)
    network.place({"TEE": 1})
    answer = network.place({"TEE": 1})
    assert answer["status"] == "BACKORDERED"
    assert answer["shipments"] == []


def test_an_inactive_node_is_not_sourced_from(network: Network) -> None:
    from application.commands import SetNodeStatus

    network.stock("DC-NJ", "TEE", 5)
    network.stock("DC-TX", "TEE", 5)
    network.oms.set_node_status("DC-NJ", SetNodeStatus(active=False))
    answer = network.place({"TEE": 1})
    assert answer["shipments"][0]["node_code"] == "DC-TX"


def test_a_node_changed_after_a_decision_is_seen_as_changed_by_the_next_one(
    network: Network,
) -> None:
    from application.commands import SetNodeStatus

    network.stock("DC-NJ", "TEE", 5)
    network.stock("DC-TX", "TEE", 5)
    first = network.place({"TEE": 1})
    network.oms.set_node_status("DC-NJ", SetNodeStatus(active=False))
    second = network.place({"TEE": 1})
    network.oms.set_node_status("DC-NJ", SetNodeStatus(active=True))
    third = network.place({"TEE": 1})

    nodes = [answer["shipments"][0]["node_code"] for answer in (first, second, third)]
    assert nodes == ["DC-NJ", "DC-TX", "DC-NJ"]


def test_loading_an_unknown_order_raises_not_found(oms: OMS) -> None:
    with pytest.raises(NotFound):
        oms.order(UUID(int=1))


def test_the_stored_order_equals_the_answer(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    answer = network.place({"TEE": 3})
    order = network.oms.order(UUID(answer["order_id"]))
    assert isinstance(order, Order)
    assert order.status == answer["status"]
    assert order.lines["TEE"].quantity == 3


@pytest.mark.parametrize(
    ("store", "why"),
    [
        ("NOWHERE", "does not exist"),
        ("DC-NJ", "does not hand over pickup orders"),
        ("STORE-NYC", "is inactive"),
    ],
)
def test_a_pickup_order_at_an_unknown_inactive_or_non_pickup_node_is_invalid(
    oms: OMS, network: Network, store: str, why: str
) -> None:
    network.stock("STORE-NYC", "TEE", 5)
    oms.set_node_status("STORE-NYC", SetNodeStatus(active=False))
    head = oms.head()

    with pytest.raises(InvalidRequest, match=why):
        network.place({"TEE": 1}, pickup=store)

    assert oms.head() == head
