"""Read models fold events with the domain's own handlers, so a view holds the aggregate's
state: an order's tracking view and a return's view, in memory (no database)."""

from collections.abc import Callable
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.order import Order
from domain.order_line import order_total
from domain.order_status import derive_status
from domain.return_ import Return
from domain.return_values import InspectedLine, ReturnLine
from domain.values import Disposition, HoldType, ReturnMethod, ShipmentStatus
from projections.base import Envelope
from projections.order_tracking import fold
from projections.order_view import OrderView
from projections.returns import ReturnView
from tests.unit.domain.builders import (
    a_delivered_order,
    a_node,
    a_shipment_in,
    an_allocated_order,
    only_shipment,
    walk,
)


def _picked_then_part_cancelled() -> Order:
    order = an_allocated_order(("SKU-1", 3, "10.00"), ("SKU-2", 1, "4.50"))
    order.cancel("customer", {"SKU-1": 1})
    walk(order, only_shipment(order), "pick")
    return order


def _held() -> Order:
    order = an_allocated_order()
    order.place_hold(HoldType.FRAUD, "check")
    return order


JOURNEYS: dict[str, Callable[[], Order]] = {
    "allocated": lambda: an_allocated_order(("SKU-1", 2, "10.00")),
    "part-cancelled": _picked_then_part_cancelled,
    "delivered": lambda: a_delivered_order(("SKU-1", 2, "19.99")),
    "rejected": lambda: a_shipment_in(ShipmentStatus.REJECTED)[0],
    "ready-for-pickup": lambda: a_shipment_in(ShipmentStatus.READY_FOR_PICKUP)[0],
    "cancelled-shipment": lambda: a_shipment_in(ShipmentStatus.CANCELLED)[0],
    "on-hold": _held,
}


def _folded(order: Order) -> OrderView:
    envelopes = [Envelope(n, e) for n, e in enumerate(order.collect_events(), start=1)]
    views: dict = {}
    fold(views, envelopes)
    return views[order.id]


@pytest.mark.parametrize("journey", sorted(JOURNEYS))
def test_an_orders_view_folded_from_its_events_holds_the_aggregates_state(journey: str) -> None:
    order = JOURNEYS[journey]()

    view = _folded(order)

    assert derive_status(view) == order.status
    assert order_total(view.lines.values()) == order.total
    assert view.lines == order.lines
    assert view.holds == order.holds
    assert {sid: (s.status, s.lines) for sid, s in view.shipments.items()} == {
        sid: (s.status, s.lines) for sid, s in order.shipments.items()
    }


def test_a_returns_view_folded_with_the_domains_handlers_follows_the_aggregate() -> None:
    ret = Return.authorize(uuid4(), uuid4(), [ReturnLine("SKU-1", 2)], ReturnMethod.MAIL)
    ret.receive(a_node("DC1"))
    ret.inspect([InspectedLine("SKU-1", 2, Disposition.RESTOCK)])
    ret.refund(Decimal("12.50"))
    view = ReturnView.of({"received_node": None, "refund_amount": None, "exchange_order_id": None})

    for event in ret.collect_events()[1:]:
        event.apply(view)

    assert (view.status, view.received_at, view.refunded) == (
        ret.status,
        ret.received_at,
        ret.refunded,
    )
    assert view.dispositions == ret.dispositions
