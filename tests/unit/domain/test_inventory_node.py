"""InventoryNode: registration, activation and downtime windows."""

from decimal import Decimal
from uuid import uuid4

import pytest

from domain.errors import InvalidRequest, NotAllowed, NotFound
from domain.values import Capability, GeoPoint, NodeType, node_id
from tests.unit.domain.builders import a_node, at, events_of


def test_a_registered_node_holds_its_master_data_and_is_active():
    node = a_node(
        "ST1",
        node_type=NodeType.STORE,
        location=GeoPoint(1.5, 2.5),
        capabilities=(Capability.PICKUP, Capability.SHIP),
        daily_capacity=40,
        priority=7,
        ship_cost=Decimal("4.95"),
    )

    assert node.id == node_id("ST1")
    assert (node.code, node.name, node.node_type) == ("ST1", "Node ST1", NodeType.STORE)
    assert node.location == GeoPoint(1.5, 2.5)
    assert node.capabilities == {Capability.PICKUP, Capability.SHIP}
    assert (node.daily_capacity, node.priority, node.ship_cost) == (40, 7, Decimal("4.95"))
    assert node.active
    assert node.downtimes == {}
    assert events_of(node) == ["Registered"]


def test_a_node_id_depends_only_on_its_code():
    assert a_node("DC1").id == a_node("DC1", node_type=NodeType.WAREHOUSE).id
    assert a_node("DC1").id != a_node("DC2").id


def test_a_node_without_defaults_has_no_capacity_limit_priority_100_and_no_cost():
    node = a_node()

    assert (node.daily_capacity, node.priority, node.ship_cost) == (None, 100, Decimal(0))


@pytest.mark.parametrize("code", ["", "   "])
def test_a_node_without_a_code_is_refused(code):
    with pytest.raises(InvalidRequest):
        a_node(code)


def test_a_node_with_negative_daily_capacity_is_refused():
    with pytest.raises(InvalidRequest):
        a_node(daily_capacity=-1)


def test_a_node_with_zero_daily_capacity_is_accepted():
    assert a_node(daily_capacity=0).daily_capacity == 0


def test_a_node_knows_what_it_can_do():
    node = a_node(capabilities=(Capability.SHIP,))

    assert node.can(Capability.SHIP)
    assert not node.can(Capability.RETURNS)


def test_deactivating_an_active_node_makes_it_inactive():
    node = a_node()
    events_of(node)

    node.deactivate()

    assert not node.active
    assert events_of(node) == ["Deactivated"]


def test_deactivating_an_inactive_node_records_nothing():
    node = a_node()
    node.deactivate()
    events_of(node)

    node.deactivate()

    assert not node.active
    assert events_of(node) == []


def test_activating_an_inactive_node_makes_it_active_again():
    node = a_node()
    node.deactivate()
    events_of(node)

    node.activate()

    assert node.active
    assert events_of(node) == ["Activated"]


def test_activating_an_active_node_records_nothing():
    node = a_node()
    events_of(node)

    node.activate()

    assert events_of(node) == []


def test_a_scheduled_downtime_makes_the_node_down_inside_its_window_only():
    node = a_node()
    downtime = uuid4()

    node.schedule_downtime(downtime, at(8), at(12), "stocktake")

    assert list(node.downtimes.values()) == [(at(8), at(12), "stocktake")]
    assert node.is_down(at(8))
    assert node.is_down(at(11))
    assert not node.is_down(at(7))
    assert not node.is_down(at(12)), "a downtime ends at its end instant"


def test_a_node_without_downtimes_is_never_down():
    assert not a_node().is_down(at(9))


def test_a_node_is_down_when_any_of_its_downtimes_covers_the_instant():
    node = a_node()
    node.schedule_downtime(uuid4(), at(8), at(9), "one")
    node.schedule_downtime(uuid4(), at(14), at(16), "two")

    assert node.is_down(at(15))
    assert not node.is_down(at(12))


@pytest.mark.parametrize("ends_hour", [8, 7])
def test_a_downtime_that_does_not_end_after_it_starts_is_refused(ends_hour):
    node = a_node()

    with pytest.raises(InvalidRequest):
        node.schedule_downtime(uuid4(), at(8), at(ends_hour), "backwards")


def test_scheduling_the_same_downtime_twice_is_refused():
    node = a_node()
    downtime = uuid4()
    node.schedule_downtime(downtime, at(8), at(9), "first")

    with pytest.raises(NotAllowed):
        node.schedule_downtime(downtime, at(10), at(11), "again")


def test_a_cancelled_downtime_no_longer_makes_the_node_down():
    node = a_node()
    downtime = uuid4()
    node.schedule_downtime(downtime, at(8), at(12), "stocktake")
    events_of(node)

    node.cancel_downtime(downtime)

    assert not node.is_down(at(9))
    assert node.downtimes == {}
    assert events_of(node) == ["DowntimeCancelled"]


def test_cancelling_an_unknown_downtime_is_refused():
    with pytest.raises(NotFound):
        a_node().cancel_downtime(uuid4())
