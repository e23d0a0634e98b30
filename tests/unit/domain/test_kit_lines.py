"""Kit lines on an order: sourced, shipped, cancelled and counted as whole kits."""

from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidRequest, NotAllowed
from domain.kit import Kit
from domain.order import Order
from domain.order_values import Delivery, LineItem
from domain.return_ import Return
from domain.return_values import InspectedLine, ReturnLine
from domain.values import (
    Channel,
    DeliveryMethod,
    Disposition,
    OrderStatus,
    ReturnMethod,
    ShipmentStatus,
)
from tests.unit.domain.builders import (
    THE_ADDRESS,
    THE_CUSTOMER,
    a_node,
    a_plan,
    events_of,
    walk,
)

CAMERA = {"BODY": 1, "LENS": 2}


def a_kit_order(kits: int = 2, *, together: bool = True, extra: tuple = ()) -> Order:
    lines = [
        {
            "sku": "CAM-KIT",
            "quantity": kits,
            "unit_price": Decimal("300.00"),
            "components": CAMERA,
            "ship_together": together,
        },
        *extra,
    ]
    return Order.place(
        uuid4(),
        Channel.WEB,
        THE_CUSTOMER,
        Delivery(DeliveryMethod.SHIP, THE_ADDRESS),
        [LineItem.from_dict(line) for line in lines],
    )


def test_a_kit_line_is_sourced_as_its_components():
    order = a_kit_order()
    assert order.to_source() == {"BODY": 2, "LENS": 4}
    assert order.total == Decimal("600.00")


@pytest.mark.parametrize(
    ("planned", "backorders", "status", "kits_backordered"),
    [
        ({"DC1": {"BODY": 2, "LENS": 4}}, {}, OrderStatus.ALLOCATED, 0),
        ({"DC1": {"BODY": 1, "LENS": 2}}, {"BODY": 1, "LENS": 2}, OrderStatus.BACKORDERED, 1),
        ({"DC1": {"BODY": 2, "LENS": 3}}, {"LENS": 1}, OrderStatus.BACKORDERED, 1),
        ({}, {"BODY": 2, "LENS": 4}, OrderStatus.BACKORDERED, 2),
    ],
)
def test_a_kit_line_waits_for_every_kit_not_wholly_covered(
    planned, backorders, status, kits_backordered
):
    order = a_kit_order(together=False)
    order.allocate(a_plan(planned, backorders), "placement")
    assert order.lines["CAM-KIT"].backordered == kits_backordered
    assert order.status is status


def test_a_kit_order_is_shipped_and_delivered_when_every_component_is():
    order = a_kit_order(together=False)
    first, second = order.allocate(
        a_plan({"DC1": {"BODY": 2, "LENS": 2}, "DC2": {"LENS": 2}}), "placement"
    )
    walk(order, first, "pick", "pack", "ship")
    assert order.status is OrderStatus.PARTIALLY_SHIPPED
    walk(order, second, "pick", "pack", "ship", "deliver")
    walk(order, first, "deliver")
    assert order.status is OrderStatus.DELIVERED
    assert order.returnable("CAM-KIT") == 2


def test_an_invoice_values_a_kits_units_at_its_price():
    order = a_kit_order(together=False)
    first, second = order.allocate(
        a_plan({"DC1": {"BODY": 2, "LENS": 2}, "DC2": {"LENS": 2}}), "placement"
    )
    walk(order, first, "pick", "pack", "ship")
    walk(order, second, "pick", "pack", "ship")
    assert [i.amount for i in order.invoices.values()] == [Decimal("400.00"), Decimal("200.00")]
    assert order.invoiced == order.total


@pytest.mark.parametrize("price", ["300.00", "100.00", "0.01"])
def test_returned_kits_are_refunded_what_their_units_were_invoiced_for(price):
    order = a_kit_order(kits=3)
    order.lines["CAM-KIT"].unit_price = Decimal(price)
    [shipment] = order.allocate(a_plan({"DC1": {"BODY": 3, "LENS": 6}}), "placement")
    walk(order, shipment, "pick", "pack", "ship")
    ret = Return.authorize(uuid4(), order.id, [ReturnLine("CAM-KIT", 3, "")], ReturnMethod.MAIL)
    ret.receive(a_node("DC1"))
    ret.inspect([InspectedLine("CAM-KIT", 3, Disposition.RESTOCK)])

    assert ret.refund_goods(order.lines) == order.invoiced == 3 * Decimal(price)


def test_cancelling_kits_takes_their_components_off_the_shipment():
    order = a_kit_order(3)
    [shipment] = order.allocate(a_plan({"DC1": {"BODY": 3, "LENS": 6}}), "placement")

    reductions = order.cancel("customer", {"CAM-KIT": 2})

    assert sorted((r.sku, r.quantity) for r in reductions) == [("BODY", 2), ("LENS", 4)]
    assert shipment.lines == {"BODY": 1, "LENS": 2}
    assert (order.lines["CAM-KIT"].cancelled, order.to_source()) == (2, {})


def test_kits_already_gone_cannot_be_cancelled():
    order = a_kit_order(2)
    [shipment] = order.allocate(a_plan({"DC1": {"BODY": 2, "LENS": 4}}), "placement")
    walk(order, shipment, "pick", "pack", "ship")
    with pytest.raises(NotAllowed, match="0 still open"):
        order.cancel("customer", {"CAM-KIT": 1})


@pytest.mark.parametrize(
    "extra",
    [
        ({"sku": "LENS", "quantity": 1, "unit_price": Decimal("50.00")},),
        (
            {
                "sku": "VLOG-KIT",
                "quantity": 1,
                "unit_price": Decimal("90.00"),
                "components": {"BODY": 1},
            },
        ),
    ],
    ids=["component as its own line", "component in two kits"],
)
def test_an_order_names_each_sku_once_as_a_line_or_a_component(extra):
    with pytest.raises(InvalidRequest, match="appears twice"):
        a_kit_order(extra=extra)


def test_a_line_for_a_kits_component_cannot_be_added():
    order = a_kit_order()
    with pytest.raises(InvalidRequest, match="part of a kit"):
        order.add_line("LENS", 1, Decimal("50.00"))


class Catalogue:
    def __init__(self, kits=(), components=(), known=("BODY", "LENS", "HEAD")):
        self._kits, self._components, self._known = set(kits), set(components), set(known)

    def is_kit(self, sku):
        return sku in self._kits

    def is_component(self, sku):
        return sku in self._components

    def known(self, sku):
        return sku in self._known


def test_each_changed_definition_of_a_kit_is_a_new_version():
    kit = Kit.start("CAM-KIT")
    kit.define(CAMERA, True, Catalogue())
    kit.define(CAMERA, True, Catalogue())  # the same: no new version
    kit.define({"BODY": 1}, False, Catalogue())

    assert events_of(kit) == ["Created", "Defined", "Defined"]
    assert (kit.kit_version, kit.components, kit.ship_together) == (2, {"BODY": 1}, False)


@pytest.mark.parametrize(
    ("components", "catalogue", "refusal"),
    [
        ({}, Catalogue(), "at least one component"),
        ({"CAM-KIT": 1}, Catalogue(known=("CAM-KIT",)), "contain itself"),
        ({"BODY": 0}, Catalogue(), "quantity must be"),
        ({"TRIPOD-KIT": 1}, Catalogue(kits=("TRIPOD-KIT",)), "kits do not nest"),
        ({"GHOST": 1}, Catalogue(), "no node has ever stocked"),
        ({"BODY": 1}, Catalogue(components=("CAM-KIT",)), "kits do not nest"),
    ],
)
def test_a_kit_definition_is_refused_when_it_cannot_be_fulfilled(components, catalogue, refusal):
    kit = Kit.start("CAM-KIT")
    with pytest.raises(InvalidRequest, match=refusal):
        kit.define(components, True, catalogue)


def test_a_shipment_status_of_a_kit_line_counts_kits():
    order = a_kit_order(1)
    [shipment] = order.allocate(a_plan({"DC1": {"BODY": 1, "LENS": 2}}), "placement")
    walk(order, shipment, "pick", "pack", "ship", "deliver")
    assert shipment.status is ShipmentStatus.DELIVERED
    assert order.status is OrderStatus.DELIVERED
