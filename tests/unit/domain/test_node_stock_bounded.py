"""A stock record holds totals only: its state and snapshots do not grow with open orders."""

from typing import Any

from eventsourcing.domain import Snapshot

from domain.node_stock import NodeStock
from tests.unit.domain.builders import a_stock, stored_snapshot


def collections(stock: NodeStock) -> dict[str, Any]:
    """What in a snapshot of the record could grow: its collections."""
    state = Snapshot.take(stock).state
    return {name: value for name, value in state.items() if isinstance(value, dict | list)}


def test_the_state_of_a_stock_record_does_not_grow_with_its_reservations() -> None:
    stock = a_stock(on_hand=10_000)
    stock.reserve("shipment-0", 1)
    before = collections(stock)
    for n in range(1, 1000):
        stock.reserve(f"shipment-{n}", 1)
    assert stock.reserved == 1000
    assert collections(stock) == before == {"inbound": {}, "expected": {}}
    stock.release("shipment-7", 1)
    stock.ship("shipment-8", 1)
    assert (stock.on_hand, stock.reserved) == (9_999, 998)


def test_each_reservation_still_names_its_shipment_in_the_log() -> None:
    stock = a_stock(on_hand=5)
    stock.collect_events()
    stock.reserve("shipment-1", 2)
    stock.release("shipment-1", 1)
    stock.ship("shipment-1", 1)
    assert [(type(e).__name__, e.reference, e.quantity) for e in stock.collect_events()] == [
        ("Reserved", "shipment-1", 2),
        ("Released", "shipment-1", 1),
        ("Shipped", "shipment-1", 1),
    ]


def test_a_snapshot_that_kept_reservations_by_shipment_reads_back_with_totals_only() -> None:
    stock = a_stock(on_hand=10)
    stock.reserve("shipment-1", 3)
    state = {**Snapshot.take(stock).state, "reservations": {"shipment-1": 3}}
    state.pop("class_version", None)  # as stored before NodeStock had versions
    state.pop("expected")
    restored = stored_snapshot(stock, state).mutate(None)
    assert isinstance(restored, NodeStock)
    assert "reservations" not in vars(restored)
    assert (restored.on_hand, restored.reserved, restored.available) == (10, 3, 7)
