from decimal import Decimal
from uuid import UUID

import pytest

from application.commands import (
    CreateReturn,
    Exchange,
    InspectReturn,
    ReceiveReturn,
    Refund,
)
from domain.errors import NotAllowed
from tests.application.network import Network


def delivered_order(network: Network, quantity: int = 2) -> UUID:
    network.stock("DC-NJ", "TEE", 5)
    answer = network.place({"TEE": quantity})
    network.deliver(answer)
    return UUID(answer["order_id"])


def authorise(network: Network, oid: UUID, quantity: int, method: str = "MAIL") -> UUID:
    answer = network.oms.create_return(
        CreateReturn(
            order_id=oid,
            lines=[{"sku": "TEE", "quantity": quantity, "reason": "too small"}],
            method=method,
            node_code="STORE-NYC" if method == "STORE" else None,
        )
    )
    return UUID(answer["return_id"])


def test_a_mail_return_gets_a_label(network: Network) -> None:
    oid = delivered_order(network)
    answer = network.oms.return_(authorise(network, oid, 1))
    assert answer.label is not None
    assert answer.label.tracking_number.startswith("RMA")


def test_returning_more_than_was_delivered_is_refused(network: Network) -> None:
    oid = delivered_order(network, quantity=2)
    authorise(network, oid, 1)
    with pytest.raises(NotAllowed, match="cannot return 2"):
        authorise(network, oid, 2)


def test_a_restocked_return_puts_units_back_at_the_receiving_store(network: Network) -> None:
    oid = delivered_order(network)
    rid = authorise(network, oid, 2, method="STORE")
    network.oms.receive_return(rid, ReceiveReturn(node_code="STORE-NYC"))
    network.oms.inspect_return(
        rid,
        InspectReturn(
            lines=[
                {"sku": "TEE", "quantity": 1, "disposition": "RESTOCK"},
                {"sku": "TEE", "quantity": 1, "disposition": "SCRAP"},
            ]
        ),
    )
    assert network.oms.stock("STORE-NYC", "TEE").on_hand == 1


def test_a_refund_defaults_to_the_value_of_the_returned_goods(network: Network) -> None:
    oid = delivered_order(network)
    rid = authorise(network, oid, 2)
    network.oms.receive_return(rid, ReceiveReturn(node_code="DC-NJ"))
    network.oms.inspect_return(
        rid, InspectReturn(lines=[{"sku": "TEE", "quantity": 2, "disposition": "REFURBISH"}])
    )
    answer = network.oms.refund_return(rid, Refund())
    assert answer["status"] == "REFUNDED"
    assert network.oms.order(oid).refunded == Decimal("20.00")


def test_an_exchange_places_a_free_replacement_order(network: Network) -> None:
    oid = delivered_order(network)
    rid = authorise(network, oid, 1)
    network.oms.receive_return(rid, ReceiveReturn(node_code="DC-NJ"))
    network.oms.inspect_return(
        rid, InspectReturn(lines=[{"sku": "TEE", "quantity": 1, "disposition": "RESTOCK"}])
    )
    answer = network.oms.exchange_return(rid, Exchange(lines=[{"sku": "TEE", "quantity": 1}]))
    replacement = network.oms.order(UUID(answer["exchange_order_id"]))
    assert replacement.total == 0
    assert replacement.status == "ALLOCATED"


def test_a_return_cannot_be_received_at_a_node_without_returns_capability(
    network: Network,
) -> None:
    from application.commands import RegisterNode

    network.oms.register_node(
        RegisterNode(
            code="VENDOR",
            name="Vendor",
            type="DROPSHIP",
            lat=41.0,
            lon=-75.0,
            capabilities=["SHIP"],
        )
    )
    rid = authorise(network, delivered_order(network), 1)
    with pytest.raises(NotAllowed, match="does not take returns"):
        network.oms.receive_return(rid, ReceiveReturn(node_code="VENDOR"))


def test_a_cancelled_return_frees_the_quantity_for_another_return(network: Network) -> None:
    oid = delivered_order(network, quantity=1)
    rid = authorise(network, oid, 1)
    network.oms.cancel_return(rid, "customer kept it")
    authorise(network, oid, 1)
