"""availability: stores that can hand over the quantity, nearest first (BOPIS)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from application.commands import ReceiveStock, RegisterNode, ScheduleDowntime, SetNodeStatus
from application.oms import OMS
from projections import ProjectionRunner
from tests.integration.interfaces.graphql.conftest import ReadSide

AMSTERDAM = {"lat": 52.3676, "lon": 4.9041}
# code: (lat, lon, capabilities, units of KITE)
STORES = {
    "NEAR": (52.3700, 4.8900, ["PICKUP", "SHIP"], 5),  # ~1 km
    "FAR": (52.3000, 4.7500, ["PICKUP"], 5),  # ~13 km
    "NO-PICKUP": (52.3680, 4.9000, ["SHIP"], 5),  # closest, but cannot hand over
    "LOW": (52.3600, 4.9300, ["PICKUP"], 1),  # ~2 km, not enough stock
    "ROTTERDAM": (51.9244, 4.4777, ["PICKUP"], 5),  # ~57 km
    "CLOSED": (52.3650, 4.9100, ["PICKUP"], 5),  # ~0.5 km, deactivated
    "STOCKTAKE": (52.3690, 4.9050, ["PICKUP"], 5),  # ~0.2 km, in a downtime now
}
FINDER = """
query($near: GeoPointInput, $radius: Float, $quantity: Int!, $channel: Channel) {
  availability(sku: "KITE", quantity: $quantity, near: $near, radiusKm: $radius,
               channel: $channel) {
    nodeCode available distanceKm node { code type capabilities active }
  }
}
"""


def open_stores(oms: OMS) -> None:
    for code, (lat, lon, capabilities, units) in STORES.items():
        oms.register_node(
            RegisterNode(
                code=code, name=code, type="STORE", lat=lat, lon=lon, capabilities=capabilities
            )
        )
        oms.receive_stock(code, ReceiveStock(sku="KITE", quantity=units))
    oms.register_node(
        RegisterNode(
            code="DC", name="DC", type="DC", lat=52.40, lon=4.95, capabilities=["SHIP", "PICKUP"]
        )
    )
    oms.receive_stock("DC", ReceiveStock(sku="KITE", quantity=50))
    oms.set_node_status("CLOSED", SetNodeStatus(active=False))
    now = datetime.now(UTC)
    oms.schedule_downtime(
        "STOCKTAKE",
        ScheduleDowntime(
            starts_at=now - timedelta(hours=1), ends_at=now + timedelta(hours=1), reason="count"
        ),
    )


def test_the_finder_gives_pickup_stores_with_enough_stock_in_the_radius_nearest_first(
    oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    open_stores(oms)
    runner.catch_up()

    found = read.data(FINDER, {"near": AMSTERDAM, "radius": 50, "quantity": 2, "channel": "STORE"})[
        "availability"
    ]

    assert [f["nodeCode"] for f in found] == ["NEAR", "FAR"]
    assert [f["available"] for f in found] == [5, 5]
    assert 0.5 < found[0]["distanceKm"] < 2 < 10 < found[1]["distanceKm"] < 16
    assert all("PICKUP" in f["node"]["capabilities"] and f["node"]["active"] for f in found)


def test_without_a_radius_every_distance_counts_and_without_a_channel_every_node_type(
    oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    open_stores(oms)
    runner.catch_up()

    found = read.data(FINDER, {"near": AMSTERDAM, "quantity": 2})["availability"]
    assert [f["nodeCode"] for f in found] == ["NEAR", "DC", "FAR", "ROTTERDAM"]
    distances = [f["distanceKm"] for f in found]
    assert distances == sorted(distances)
    assert 50 < distances[-1] < 65

    one = read.data(FINDER, {"near": AMSTERDAM, "quantity": 1, "radius": 3, "channel": "STORE"})[
        "availability"
    ]
    assert [f["nodeCode"] for f in one] == ["NEAR", "LOW"]


def test_without_a_point_the_finder_lists_by_stock_without_distances(
    oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    open_stores(oms)
    runner.catch_up()
    found = read.data(FINDER, {"quantity": 10})["availability"]
    assert found == [
        {
            "nodeCode": "DC",
            "available": 50,
            "distanceKm": None,
            "node": {
                "code": "DC",
                "type": "DC",
                "capabilities": ["PICKUP", "SHIP"],
                "active": True,
            },
        }
    ]
