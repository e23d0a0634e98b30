"""The stock read model: one test per InventoryNode and NodeStock event."""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.values import Capability, GeoPoint, NodeType
from projections import ProjectionRunner
from tests.integration.projections.conftest import EventStore, Tables

SHIP = frozenset({Capability.SHIP, Capability.RETURNS})


def a_node(code: str, node_type: NodeType = NodeType.DC, caps: frozenset = SHIP) -> InventoryNode:
    return InventoryNode.register(
        code,
        f"Node {code}",
        node_type,
        GeoPoint(52.37, 4.9),
        caps,
        daily_capacity=500,
        priority=10,
        ship_cost=Decimal("4.50"),
    )


def stocked(code: str, sku: str, on_hand: int) -> NodeStock:
    stock = NodeStock.open(code, sku)
    stock.receive(on_hand, "PO-1")
    return stock


def stock_row(tables: Tables, code: str, sku: str) -> tuple[int, ...]:
    row = tables.one("stock.stock_by_node", "node_code = %s AND sku = %s", code, sku)
    keys = ("on_hand", "reserved", "safety_stock", "in_transit", "available")
    return tuple(row[k] for k in keys)


def channels(tables: Tables, sku: str) -> dict[str, int]:
    return {
        r["channel"]: r["available"] for r in tables.rows("stock.stock_by_channel", "sku = %s", sku)
    }


def test_a_registered_node_gets_a_row_with_its_master_data(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    node = a_node("DC-AMS")
    store.record(node)
    runner.catch_up()
    row = tables.one("stock.nodes")
    assert row["code"] == "DC-AMS"
    assert (row["node_type"], row["status"], row["active"]) == ("DC", "ACTIVE", True)
    assert (row["lat"], row["lon"]) == (52.37, 4.9)
    assert row["capabilities"] == ["RETURNS", "SHIP"]
    assert (row["daily_capacity"], row["priority"], row["ship_cost"]) == (500, 10, Decimal("4.50"))
    assert row["registered_at"] == row["updated_at"] == node.created_on


def test_a_deactivated_node_is_inactive_and_its_stock_leaves_every_channel(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    node = a_node("DC-AMS")
    store.record(node, stocked("DC-AMS", "TEE", 5))
    runner.catch_up()
    assert channels(tables, "TEE")["WEB"] == 5
    node.deactivate()
    store.record(node)
    runner.catch_up()
    assert tables.one("stock.nodes")["status"] == "INACTIVE"
    assert set(channels(tables, "TEE").values()) == {0}
    assert tables.one("stock.stock_by_sku")["available"] == 5


def test_a_reactivated_node_counts_for_its_channels_again(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    node = a_node("DC-AMS")
    node.deactivate()
    store.record(node, stocked("DC-AMS", "TEE", 5))
    runner.catch_up()
    node.activate()
    store.record(node)
    runner.catch_up()
    assert (tables.one("stock.nodes")["active"], channels(tables, "TEE")["WEB"]) == (True, 5)


def test_a_scheduled_downtime_is_listed_for_its_node(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    node, downtime = a_node("DC-AMS"), uuid4()
    starts, ends = datetime(2030, 1, 1, 8, tzinfo=UTC), datetime(2030, 1, 1, 12, tzinfo=UTC)
    node.schedule_downtime(downtime, starts, ends, "stocktake")
    store.record(node)
    runner.catch_up()
    row = tables.one("stock.node_downtimes")
    assert (row["node_code"], row["downtime_id"]) == ("DC-AMS", downtime)
    assert (row["starts_at"], row["ends_at"], row["reason"]) == (starts, ends, "stocktake")


def test_a_cancelled_downtime_is_removed(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    node, keep, drop = a_node("DC-AMS"), uuid4(), uuid4()
    starts, ends = datetime(2030, 1, 1, 8, tzinfo=UTC), datetime(2030, 1, 1, 12, tzinfo=UTC)
    node.schedule_downtime(keep, starts, ends, "stocktake")
    node.schedule_downtime(drop, starts, ends, "power")
    store.record(node)
    runner.catch_up()
    node.cancel_downtime(drop)
    store.record(node)
    runner.catch_up()
    assert [r["downtime_id"] for r in tables.rows("stock.node_downtimes")] == [keep]


def test_an_opened_stock_record_starts_at_zero(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    store.record(a_node("DC-AMS"), NodeStock.open("DC-AMS", "TEE"))
    runner.catch_up()
    assert stock_row(tables, "DC-AMS", "TEE") == (0, 0, 0, 0, 0)
    assert tables.one("stock.stock_by_sku")["node_count"] == 1


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda s: s.receive(3, "PO-2"), (13, 0, 0, 0, 13)),
        (lambda s: s.adjust("count", counted=7), (7, 0, 0, 0, 7)),
        (lambda s: s.set_safety_stock(4), (10, 0, 4, 0, 6)),
        (lambda s: s.reserve("ship-1", 6), (10, 6, 0, 0, 4)),
        (lambda s: (s.reserve("ship-1", 6), s.release("ship-1", 2)), (10, 4, 0, 0, 6)),
        (lambda s: (s.reserve("ship-1", 6), s.ship("ship-1", 6)), (4, 0, 0, 0, 4)),
        (lambda s: s.restock("RMA-1", 2), (12, 0, 0, 0, 12)),
        (lambda s: s.transfer_out(uuid4(), "DC-UTR", 3), (7, 0, 0, 0, 7)),
    ],
    ids=[
        "Received",
        "Adjusted",
        "SafetyStockSet",
        "Reserved",
        "Released",
        "Shipped",
        "Restocked",
        "TransferredOut",
    ],
)
def test_each_stock_movement_changes_the_node_row_as_the_aggregate_does(
    store: EventStore, runner: ProjectionRunner, tables: Tables, change, expected
) -> None:
    stock = stocked("DC-AMS", "TEE", 10)
    store.record(a_node("DC-AMS"), stock)
    runner.catch_up()
    change(stock)
    store.record(stock)
    runner.catch_up()
    assert (
        stock_row(tables, "DC-AMS", "TEE")
        == expected
        == (stock.on_hand, stock.reserved, stock.safety_stock, stock.in_transit, stock.available)
    )
    row = tables.one("stock.stock_by_node")
    assert (row["version"], row["updated_at"]) == (stock.version, stock.modified_on)


def test_an_expected_transfer_is_in_transit_until_received(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    transfer = uuid4()
    stock = NodeStock.open("DC-UTR", "TEE")
    stock.expect_transfer(transfer, "DC-AMS", 3)
    store.record(a_node("DC-UTR"), stock)
    runner.catch_up()
    assert stock_row(tables, "DC-UTR", "TEE") == (0, 0, 0, 3, 0)
    stock.receive_transfer(transfer)
    store.record(stock)
    runner.catch_up()
    assert stock_row(tables, "DC-UTR", "TEE") == (3, 0, 0, 0, 3)


def test_network_totals_add_up_every_node_holding_the_sku(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    busy = stocked("DC-AMS", "TEE", 5)
    busy.set_safety_stock(8)  # available floors at 0, it never goes negative
    store.record(a_node("DC-AMS"), a_node("DC-UTR"), busy, stocked("DC-UTR", "TEE", 4))
    runner.catch_up()
    row = tables.one("stock.stock_by_sku")
    assert (row["on_hand"], row["safety_stock"], row["available"], row["node_count"]) == (
        9,
        8,
        4,
        2,
    )


def test_channel_availability_follows_the_channel_rules(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    store.record(
        a_node("DC-AMS"),
        a_node("STORE-1", NodeType.STORE, frozenset({Capability.PICKUP})),
        a_node("STORE-2", NodeType.STORE),
        a_node("VENDOR", NodeType.DROPSHIP),
        stocked("DC-AMS", "TEE", 1),
        stocked("STORE-1", "TEE", 10),
        stocked("STORE-2", "TEE", 100),
        stocked("VENDOR", "TEE", 1000),
    )
    runner.catch_up()
    assert channels(tables, "TEE") == {
        "WEB": 1101,
        "MOBILE": 1101,
        "CALL_CENTER": 1101,
        "MARKETPLACE": 1001,
        "STORE": 110,
    }
