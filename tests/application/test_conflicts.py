"""Optimistic concurrency: a command that keeps losing the race gives up with a clear error."""

from collections.abc import Sequence
from typing import Any

import pytest

from application.commands import ReceiveStock
from application.oms import OMS
from application.settings import in_memory_env
from domain.errors import ConcurrencyConflict
from domain.values import node_stock_id
from tests.application.network import Network


class RacedOMS(OMS):
    """Before each save, another writer commits a receipt to the same stock record."""

    races = 0

    def save(self, *objs: Any, **kwargs: Any) -> Sequence[Any]:
        if self.races:
            self.races -= 1
            rival = self.repository.get(node_stock_id("DC-NJ", "TEE"))
            rival.receive(1, "rival")
            super().save(rival)
        return super().save(*objs, **kwargs)


@pytest.fixture
def raced() -> RacedOMS:
    # Long enough for several backed-off attempts even on a loaded machine.
    return RacedOMS(in_memory_env(), conflict_retry_s=0.3)


def test_a_command_that_loses_a_race_is_retried_on_fresh_state(raced: RacedOMS) -> None:
    Network(raced).stock("DC-NJ", "TEE", 5)
    raced.races = 1
    answer = raced.receive_stock("DC-NJ", ReceiveStock(sku="TEE", quantity=2))
    assert answer["on_hand"] == 8  # 5 + the rival's 1 + our 2: nothing lost


def test_a_command_that_keeps_losing_gives_up_with_a_concurrency_conflict(
    raced: RacedOMS,
) -> None:
    Network(raced).stock("DC-NJ", "TEE", 5)
    raced.races = 10_000  # a rival wins every race for longer than the retry budget
    with pytest.raises(ConcurrencyConflict, match="try again") as refused:
        raced.receive_stock("DC-NJ", ReceiveStock(sku="TEE", quantity=2))
    rivals = 10_000 - raced.races
    assert rivals > 2  # it did retry, with backoff, before giving up
    assert raced.stock("DC-NJ", "TEE").on_hand == 5 + rivals  # only the rivals' receipts
    assert "receive_stock" not in str(refused.value)  # no internal names in the answer
