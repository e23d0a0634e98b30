"""A placement records the command's values as the domain's types, field for field: what
`from_dict` makes of the command's dump (how placements were read before)."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from application.commands import Address, DefineKit, PlaceOrder
from application.oms import OMS
from domain.order import Order
from domain.order_values import Address as DomainAddress
from domain.order_values import CustomerDetails, Delivery, LineItem, Payment
from tests.application.network import NEW_YORK, Network

CUSTOMER = {
    "id": "C-9",
    "name": "Grace Hopper",
    "email": "g@example.com",
    "phone": "+1 212 555 0100",
}


def placed(oms: OMS, answer: dict[str, Any]) -> Order.Placed:
    event = oms.events.get(UUID(answer["order_id"])).__next__()
    assert isinstance(event, Order.Placed)
    return event


def test_a_placement_records_each_field_of_the_command_as_its_dump_reads(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    network.stock("DC-NJ", "LENS", 5)
    network.oms.define_kit("CAMERA", DefineKit(components=[{"sku": "LENS", "quantity": 2}]))
    command = PlaceOrder(
        channel="WEB",
        customer=CUSTOMER,
        delivery={"method": "SHIP", "address": {**NEW_YORK, "region": "NY"}},
        lines=[
            {"sku": "TEE", "quantity": 2, "unit_price": "10.5"},
            {"sku": "CAMERA", "quantity": 1, "unit_price": "99.99"},
        ],
        requested_date="2030-01-02",
        payment={"method": "card", "authorized_amount": "120.99", "billing_country": "US"},
    )
    event = placed(network.oms, network.oms.place_order(command))

    dump = command.data()
    assert event.customer == CustomerDetails.from_dict(dump["customer"])
    assert event.customer.phone == "+12125550100"
    assert event.delivery == Delivery.from_dict(dump["delivery"])
    assert event.payment == Payment.from_dict(dump["payment"])
    tee, camera = event.lines
    assert tee == LineItem.from_dict(dump["lines"][0])
    assert str(tee.unit_price) == "10.5"
    assert (camera.components, camera.ship_together, camera.kit_version) == ({"LENS": 2}, False, 1)
    assert [type(v) for v in (event.customer, event.delivery, event.payment, tee)] == [
        CustomerDetails,
        Delivery,
        Payment,
        LineItem,
    ]


def test_a_pickup_placement_and_an_address_change_record_what_their_dumps_read(
    network: Network,
) -> None:
    network.stock("STORE-NYC", "TEE", 5)
    answer = network.place({"TEE": 1}, pickup="STORE-NYC")
    event = placed(network.oms, answer)
    assert event.delivery == Delivery.from_dict({"method": "PICKUP", "pickup_node": "STORE-NYC"})
    assert event.payment is None

    shipped = network.place({"TEE": 1})
    change = Address(line1="1 Elm St", city="Albany", postal_code="12207", country="US")
    network.oms.change_address(UUID(shipped["order_id"]), change)
    changed = network.oms.order(UUID(shipped["order_id"])).delivery.address
    assert changed == DomainAddress.from_dict(change.data())
