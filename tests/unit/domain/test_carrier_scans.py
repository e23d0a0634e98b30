"""Carrier scans of a shipment: which statuses take them, and what DELIVERED does."""

from datetime import UTC, datetime

import pytest

from domain.errors import NotAllowed
from domain.scans import ScanCode
from domain.values import HoldType, OrderStatus, ShipmentStatus
from tests.unit.domain.builders import a_shipment_in, events_of

AT = datetime(2025, 1, 2, 9, 30, tzinfo=UTC)
S = ShipmentStatus


@pytest.mark.parametrize(
    ("code", "events", "status"),
    [
        (ScanCode.IN_TRANSIT, ["ShipmentScanned"], S.SHIPPED),
        (ScanCode.OUT_FOR_DELIVERY, ["ShipmentScanned"], S.SHIPPED),
        (ScanCode.EXCEPTION, ["ShipmentScanned"], S.SHIPPED),
        (ScanCode.DELIVERED, ["ShipmentScanned", "ShipmentStepped"], S.DELIVERED),
    ],
)
def test_a_shipped_shipment_takes_every_scan_and_delivered_delivers_it(code, events, status):
    order, shipment = a_shipment_in(S.SHIPPED)
    order.collect_events()

    order.record_scan(shipment.id, code, AT, "Utrecht hub")

    assert events_of(order) == events
    assert shipment.status is status


@pytest.mark.parametrize(
    "status", [S.ALLOCATED, S.PICKED, S.PACKED, S.DELIVERED, S.REJECTED, S.CANCELLED]
)
def test_only_a_shipped_shipment_is_scanned(status):
    order, shipment = a_shipment_in(status)
    order.collect_events()

    with pytest.raises(NotAllowed, match="only a shipped shipment"):
        order.record_scan(shipment.id, ScanCode.IN_TRANSIT, AT, None)
    assert events_of(order) == []


def test_a_delivered_scan_delivers_even_while_the_order_is_held():
    order, shipment = a_shipment_in(S.SHIPPED)
    order.place_hold(HoldType.FRAUD, "late review")  # the other shipment is still open
    order.collect_events()

    order.record_scan(shipment.id, ScanCode.DELIVERED, AT, None)

    assert shipment.status is S.DELIVERED
    assert order.status is OrderStatus.ON_HOLD


def test_a_scan_records_the_carriers_time_and_place():
    order, shipment = a_shipment_in(S.SHIPPED)
    order.collect_events()

    order.record_scan(shipment.id, ScanCode.EXCEPTION, AT, "Depot 7: address not found")

    [event] = order.collect_events()
    assert (event.code, event.at, event.location) == (
        "EXCEPTION",
        AT,
        "Depot 7: address not found",
    )
