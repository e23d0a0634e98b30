"""Snapshot intervals: OMS_SNAPSHOT_INTERVAL tunes them, 0 takes none."""

import pytest

from application.oms import OMS
from application.settings import in_memory_env
from tests.application.network import Network


def _receipts(interval: int, receipts: int) -> tuple[int, int]:
    """The stock record's version after `receipts` receipts, and how many snapshots it has."""
    oms = OMS(in_memory_env(), snapshot_interval=interval)
    try:
        network = Network(oms)
        for _ in range(receipts):
            network.stock("DC-NJ", "TEE", 1)
        stock = oms.stock("DC-NJ", "TEE")
        assert oms.snapshots is not None
        return stock.version, len(list(oms.snapshots.get(stock.id)))
    finally:
        oms.close()


@pytest.mark.parametrize(
    ("interval", "receipts", "snapshots"),
    [(0, 7, 0), (3, 7, 2), (5, 7, 1), (100, 7, 0)],
)
def test_a_snapshot_is_taken_every_interval_events_and_none_with_interval_zero(
    interval: int, receipts: int, snapshots: int
) -> None:
    version, taken = _receipts(interval, receipts)

    assert version == receipts + 1  # opened, then received
    assert taken == snapshots


def test_with_interval_zero_commands_still_succeed_and_aggregates_reload() -> None:
    oms = OMS(in_memory_env(), snapshot_interval=0)
    try:
        network = Network(oms)
        network.stock("DC-NJ", "TEE", 4)
        answer = network.place({"TEE": 3})
        network.deliver(answer)
        assert oms.stock("DC-NJ", "TEE").on_hand == 1
    finally:
        oms.close()
