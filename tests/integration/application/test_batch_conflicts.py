"""A batch whose save conflicts with another process is run again command by command."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import pytest

from application.commands import ReceiveStock
from application.oms import OMS
from tests.application.network import Network
from tests.application.test_group_commit import queued_together


class Recorder:
    def __init__(self) -> None:
        self.conflicts: list[str] = []
        self.outcomes: list[tuple[str, str]] = []

    def finished(self, command: str, seconds: float, outcome: str) -> None:
        self.outcomes.append((command, outcome))

    def conflicted(self, command: str) -> None:
        self.conflicts.append(command)

    def stored(self, events: Sequence[object]) -> None:
        pass


class Overtaken(OMS):
    """Before its next save, another process (`rival`) saves a receipt to the same record."""

    name = "oms"  # the library names a subclass's tables after it otherwise
    rival: OMS | None = None
    saves = 0

    def save(self, *objs: Any, **kwargs: Any) -> Sequence[Any]:
        self.saves += 1
        if self.rival is not None:
            rival, self.rival = self.rival, None
            rival.receive_stock("DC-NJ", ReceiveStock(sku="TEE", quantity=100))
        return super().save(*objs, **kwargs)


@pytest.fixture
def pair(postgres_env: dict[str, str]) -> Iterator[tuple[Overtaken, OMS]]:
    first, second = Overtaken(postgres_env), OMS(postgres_env)
    yield first, second
    first.close()
    second.close()


def test_a_batch_overtaken_by_another_process_is_saved_command_by_command(
    pair: tuple[Overtaken, OMS],
) -> None:
    oms, other = pair
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 5)
    seen = oms.observer = Recorder()
    oms.rival, before = other, oms.saves
    answers = queued_together(
        oms,
        lambda: network.place({"TEE": 2}, idempotency_key="one"),
        lambda: network.place({"TEE": 2}, idempotency_key="two"),
        lambda: oms.receive_stock("DC-NJ", ReceiveStock(sku="TEE", quantity=1)),
    )
    first, second, receipt = (f.result() for f in answers)
    # One batch save lost to the rival, then each command was saved on its own.
    assert oms.saves == before + 1 + 3
    assert seen.conflicts == ["place_order", "place_order", "receive_stock"]
    assert [outcome for _, outcome in seen.outcomes] == ["ok"] * 3
    assert first["status"] == second["status"] == "ALLOCATED"
    assert receipt["on_hand"] == 5 + 100 + 1  # nothing lost: the rival's receipt and ours
    stock = other.stock("DC-NJ", "TEE")
    assert (stock.on_hand, stock.reserved) == (106, 4)
    # Retrying a key answers from its record, at the position it was first answered with.
    assert network.place({"TEE": 2}, idempotency_key="one") == first
