"""The OMS tells its observer about every command: outcome, time, lost races, events."""

from collections.abc import Sequence
from uuid import uuid4

import pytest

from application.commands import ReceiveStock
from application.settings import in_memory_env
from domain.errors import ConcurrencyConflict, NotFound
from tests.application.network import Network
from tests.application.test_conflicts import RacedOMS


class Recorder:
    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.conflicts: list[str] = []
        self.events: list[str] = []

    def finished(self, command: str, seconds: float, outcome: str) -> None:
        assert seconds >= 0
        self.calls.append((command, outcome))

    def conflicted(self, command: str) -> None:
        self.conflicts.append(command)

    def stored(self, events: Sequence[object]) -> None:
        self.events += [type(e).__qualname__ for e in events]


@pytest.fixture
def oms() -> RacedOMS:
    return RacedOMS(in_memory_env(), conflict_retry_s=0.05)


@pytest.fixture
def seen(oms: RacedOMS) -> Recorder:
    Network(oms).stock("DC-NJ", "TEE", 5)
    recorder = Recorder()
    oms.observer = recorder
    return recorder


def test_a_saved_command_is_ok_and_its_repeat_under_the_same_key_is_replayed(
    oms: RacedOMS, seen: Recorder
) -> None:
    for _ in range(2):
        oms.receive_stock("DC-NJ", ReceiveStock(sku="TEE", quantity=2), idempotency_key="k")
    assert seen.calls == [("receive_stock", "ok"), ("receive_stock", "replayed")]
    assert seen.events == ["NodeStock.Received"]


def test_a_placed_order_reports_its_creation_and_its_sourcing_decision(
    oms: RacedOMS, seen: Recorder
) -> None:
    Network(oms, register=False).place({"TEE": 1})
    assert seen.calls == [("place_order", "ok")]
    assert "Order.Allocated" in seen.events


def test_a_command_a_rule_refuses_is_refused_and_stores_nothing(
    oms: RacedOMS, seen: Recorder
) -> None:
    with pytest.raises(NotFound):
        oms.close_order(uuid4())
    assert seen.calls == [("close_order", "refused")]
    assert seen.events == []


def test_each_lost_race_is_a_conflict_and_giving_up_is_the_outcome(
    oms: RacedOMS, seen: Recorder
) -> None:
    oms.races = 1
    oms.receive_stock("DC-NJ", ReceiveStock(sku="TEE", quantity=2))
    oms.races = 10_000  # a rival wins every race for longer than the retry budget
    with pytest.raises(ConcurrencyConflict):
        oms.receive_stock("DC-NJ", ReceiveStock(sku="TEE", quantity=2))
    assert seen.calls == [("receive_stock", "ok"), ("receive_stock", "conflict")]
    assert seen.conflicts == ["receive_stock"] * (1 + 10_000 - oms.races)
