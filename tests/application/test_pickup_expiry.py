"""Pickup orders not collected within the rules' `pickup_expiry_days` are cancelled."""

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from application.actor import actor_of
from application.arrival_policy import ArrivalPolicy
from application.oms import OMS
from application.pickup_expiry import PICKUP_EXPIRY, PickupExpiry
from application.rules_input import ReplaceSourcingRules
from domain.order import Order
from tests.application.network import Network

STORE = "STORE-NYC"


def ready_for_pickup(oms: OMS, network: Network, quantity: int = 1) -> UUID:
    answer = network.place({"TEE": quantity}, pickup=STORE)
    oid, sid = UUID(answer["order_id"]), UUID(answer["shipments"][0]["shipment_id"])
    oms.step_shipment(oid, sid, "pick")
    oms.step_shipment(oid, sid, "ready-for-pickup")
    return oid


def days_later(oms: OMS, days: float) -> None:
    later = datetime.now(UTC) + timedelta(days=days)
    oms.clock = lambda: later


@pytest.fixture
def stocked(oms: OMS, network: Network) -> Network:
    network.stock(STORE, "TEE", 2)
    return network


def test_an_order_not_collected_within_the_expiry_is_cancelled_and_its_stock_released(
    oms: OMS, stocked: Network
):
    oid = ready_for_pickup(oms, stocked)
    days_later(oms, 5.01)

    assert PickupExpiry(oms).run_once() == 1

    order = oms.order(oid)
    assert str(order.status) == "CANCELLED"
    assert oms.stock(STORE, "TEE").reserved == 0
    [*_, cancelled] = oms.events.get(oid)
    assert isinstance(cancelled, Order.Cancelled)
    assert cancelled.reason == "not collected within 5 days of being ready for pickup"
    actor = actor_of(cancelled)
    assert actor is not None
    assert (actor["role"], actor["key_name"]) == ("policy", PICKUP_EXPIRY)


def test_an_order_within_the_expiry_or_collected_is_left_alone(oms: OMS, stocked: Network):
    waiting = ready_for_pickup(oms, stocked)
    collected = ready_for_pickup(oms, stocked)
    [shipment] = oms.order(collected).shipments.values()
    oms.step_shipment(collected, shipment.id, "collect")

    days_later(oms, 4.9)
    assert PickupExpiry(oms).run_once() == 0
    days_later(oms, 30)
    assert PickupExpiry(oms).run_once() == 1

    assert [str(oms.order(o).status) for o in (waiting, collected)] == ["CANCELLED", "DELIVERED"]


def test_the_rules_set_the_expiry_and_a_second_policy_cancels_nothing_twice(
    oms: OMS, stocked: Network
):
    oms.replace_sourcing_rules(ReplaceSourcingRules(pickup_expiry_days=2))
    oid = ready_for_pickup(oms, stocked)
    days_later(oms, 2.01)

    assert PickupExpiry(oms).run_once() == 1
    assert PickupExpiry(oms).run_once() == 0
    assert str(oms.order(oid).status) == "CANCELLED"


def test_stock_an_expired_pickup_releases_goes_to_a_waiting_backorder(oms: OMS, stocked: Network):
    ready_for_pickup(oms, stocked, quantity=2)
    waiting = UUID(stocked.place({"TEE": 1}, pickup=STORE)["order_id"])
    days_later(oms, 6)

    PickupExpiry(oms).run_once()
    ArrivalPolicy(oms).run_once()

    assert str(oms.order(waiting).status) == "ALLOCATED"
