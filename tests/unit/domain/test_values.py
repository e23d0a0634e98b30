"""Value types: ids, geography and the enumerations the contract names."""

import math
import pickle
from uuid import NAMESPACE_URL, RFC_4122, UUID, SafeUUID, uuid4, uuid5

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.values import (
    CHANNELS,
    NAMESPACE,
    Capability,
    Channel,
    GeoPoint,
    NodeType,
    OrderStatus,
    ReturnStatus,
    ShipmentStatus,
    child_id,
    distances_from,
    id_text,
    name_id,
    node_id,
    node_stock_id,
    order_id,
    random_id,
)
from tests.unit.domain.builders import AMSTERDAM, PARIS


def test_the_distance_from_a_point_to_itself_is_zero():
    assert AMSTERDAM.distance_km(AMSTERDAM) == 0


def test_the_distance_between_two_points_is_the_great_circle_distance():
    assert AMSTERDAM.distance_km(PARIS) == pytest.approx(430, abs=5)
    assert AMSTERDAM.distance_km(PARIS) == pytest.approx(PARIS.distance_km(AMSTERDAM))


def test_a_quarter_of_the_equator_is_about_ten_thousand_km():
    assert GeoPoint(0, 0).distance_km(GeoPoint(0, 90)) == pytest.approx(10_007.5, abs=1)


def test_geo_points_are_values():
    assert GeoPoint(1.0, 2.0) == GeoPoint(1.0, 2.0)
    assert hash(GeoPoint(1.0, 2.0)) == hash(GeoPoint(1.0, 2.0))


def test_a_point_whose_radians_were_worked_out_stays_equal_to_one_whose_were_not():
    measured = GeoPoint(52.37, 4.9)
    lat = math.radians(52.37)
    assert measured.radians == (lat, math.radians(4.9), math.cos(lat))
    assert measured == GeoPoint(52.37, 4.9)
    assert hash(measured) == hash(GeoPoint(52.37, 4.9))
    assert repr(measured) == repr(GeoPoint(52.37, 4.9))


def test_ids_are_stable_for_the_same_inputs():
    assert node_id("DC1") == node_id("DC1")
    assert node_stock_id("DC1", "SKU-1") == node_stock_id("DC1", "SKU-1")
    assert order_id("WEB", "A-1") == order_id("WEB", "A-1")


def test_ids_differ_by_kind_and_input():
    ids = {
        node_id("DC1"),
        node_id("DC2"),
        node_stock_id("DC1", "SKU-1"),
        node_stock_id("DC1", "SKU-2"),
        node_stock_id("DC2", "SKU-1"),
        order_id("WEB", "DC1"),
        order_id("MOBILE", "DC1"),
    }

    assert len(ids) == 7


def test_a_retried_order_with_the_same_channel_and_reference_gets_the_same_id():
    assert order_id("WEB", "A-1") != order_id("WEB", "A-2")
    assert order_id(str(Channel.WEB), "A-1") == order_id("WEB", "A-1")


def test_child_ids_are_stable_within_a_parent_and_differ_across_parents():
    parent = uuid4()

    assert child_id(parent, "shipment-1") == child_id(parent, "shipment-1")
    assert child_id(parent, "shipment-1") != child_id(parent, "shipment-2")
    assert child_id(parent, "shipment-1") != child_id(uuid4(), "shipment-1")


@pytest.mark.parametrize(
    ("enum", "values"),
    [
        (NodeType, {"DC", "WAREHOUSE", "STORE", "DROPSHIP"}),
        (Capability, {"SHIP", "PICKUP", "RETURNS", "SPECIAL_HANDLING"}),
        (Channel, {"WEB", "MOBILE", "CALL_CENTER", "STORE", "MARKETPLACE"}),
        (
            OrderStatus,
            {
                "PLACED",
                "ON_HOLD",
                "BACKORDERED",
                "ALLOCATED",
                "PARTIALLY_SHIPPED",
                "SHIPPED",
                "READY_FOR_PICKUP",
                "DELIVERED",
                "CANCELLED",
                "CLOSED",
            },
        ),
        (
            ShipmentStatus,
            {
                "ALLOCATED",
                "PICKED",
                "PACKED",
                "SHIPPED",
                "READY_FOR_PICKUP",
                "DELIVERED",
                "CANCELLED",
                "REJECTED",
            },
        ),
        (
            ReturnStatus,
            {"AUTHORIZED", "RECEIVED", "INSPECTED", "REFUNDED", "EXCHANGED", "CLOSED", "CANCELLED"},
        ),
    ],
)
def test_enumerations_hold_exactly_the_values_of_the_public_contract(enum, values):
    assert {str(member) for member in enum} == values
    assert all(str(member) == member.name for member in enum)


@pytest.mark.parametrize(
    "name",
    ["", "shipment-1", "shipment-12345", "stock:DC-EAST:SKU-001", "order:WEB:Ä-ß-東", "x" * 300],
)
def test_a_name_based_id_is_the_uuid5_of_the_name_in_its_namespace(name: str):
    for namespace in (NAMESPACE, NAMESPACE_URL, uuid4(), uuid4()):
        made = name_id(namespace, name)
        assert made == uuid5(namespace, name)
        assert str(made) == str(uuid5(namespace, name))
        assert (made.version, made.variant) == (5, uuid5(namespace, name).variant)


def test_the_ids_of_nodes_records_orders_and_shipments_are_the_uuid5s_they_always_were():
    parent = uuid4()
    assert node_id("DC1") == uuid5(NAMESPACE, "node:DC1")
    assert node_stock_id("DC1", "SKU-1") == uuid5(NAMESPACE, "stock:DC1:SKU-1")
    assert order_id("WEB", "A-1") == uuid5(NAMESPACE, "order:WEB:A-1")
    assert child_id(parent, "shipment-1") == uuid5(parent, "shipment-1")


def test_a_random_id_is_a_version_4_uuid_like_any_other():
    made = [random_id() for _ in range(1000)]
    assert len(set(made)) == 1000
    for uid in made[:50]:
        assert (uid.version, uid.variant) == (4, RFC_4122)
        assert UUID(str(uid)) == uid
        assert hash(UUID(str(uid))) == hash(uid)
        assert pickle.loads(pickle.dumps(uid)) == uid
        assert uid.is_safe is SafeUUID.unknown


def test_a_name_based_id_reads_back_as_the_same_uuid():
    uid = name_id(NAMESPACE, "shipment-1")
    assert UUID(str(uid)) == uid == UUID(bytes=uid.bytes)
    assert hash(uid) == hash(uuid5(NAMESPACE, "shipment-1"))
    assert {uid: 1}[uuid5(NAMESPACE, "shipment-1")] == 1
    assert pickle.loads(pickle.dumps(uid)) == uid


def test_a_distance_from_a_point_never_measured_equals_one_from_a_measured_point():
    fresh, measured = GeoPoint(48.86, 2.35), GeoPoint(48.86, 2.35)
    assert measured.radians  # worked out and kept on this one

    assert distances_from(fresh)(AMSTERDAM) == distances_from(measured)(AMSTERDAM)
    assert distances_from(fresh)(AMSTERDAM) == PARIS.distance_km(AMSTERDAM)


def test_each_channel_is_found_by_its_name():
    assert len(CHANNELS) == len(Channel)
    assert all(CHANNELS[str(channel)] is channel for channel in Channel)


@settings(deadline=None)
@given(st.uuids())
def test_an_ids_text_is_its_str(value: UUID) -> None:
    assert id_text(value) == str(value)
    assert id_text(value) == str(value)  # remembered
