"""The writer decides the next batch while one commits, and never builds on a failed one."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

import pytest
from eventsourcing.persistence import OperationalError

from application.command import Answer, Outcome
from application.oms import OMS
from application.pipeline import Pipeline
from application.settings import in_memory_env
from domain.errors import NotAllowed
from domain.values import node_stock_id
from tests.application.network import Network
from tests.application.test_group_commit import queued_together


class HeldOMS(OMS):
    """Its first save after `first_held` waits until the writer decided the next batch on
    top of it, calls `while_held`, then succeeds or raises `fail_with`."""

    fail_with: Exception | None = None
    on_top = threading.Event()
    while_held: Callable[[], None] = staticmethod(lambda: None)

    saves = -(10**9)  # no save is held before `first_held`

    def save(self, *objs: Any, **kwargs: Any) -> Sequence[Any]:
        self.saves += 1
        if self.saves == 1:
            assert HeldOMS.on_top.wait(5), "the next batch was not decided meanwhile"
            self.while_held()
            if self.fail_with is not None:
                raise self.fail_with
        return super().save(*objs, **kwargs)

    def reserve(self, code: str, sku: str, quantity: int, refuse: bool = False) -> Answer:
        return self.run(None, self._reserve, code, sku, quantity, refuse)

    def _reserve(self, code: str, sku: str, quantity: int, refuse: bool) -> Outcome:
        stock = self.stock(code, sku)
        if stock.available < quantity:
            raise NotAllowed(f"only {stock.available} available")
        stock.reserve(f"r-{quantity}-{refuse}", quantity)
        if refuse:
            raise NotAllowed("refused after reserving")
        return Outcome({"available": stock.available}, [stock])


@pytest.fixture
def oms(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldOMS]:
    """One command per batch, so that queued commands make a pipeline of batches."""
    HeldOMS.on_top = threading.Event()
    settle = Pipeline._settle

    def noting(pipeline: Pipeline, on_top: Any) -> bool:
        if on_top is not None and pipeline._saving is not None:
            HeldOMS.on_top.set()  # decided while a batch commits
        return settle(pipeline, on_top)

    monkeypatch.setattr(Pipeline, "_settle", noting)
    app = HeldOMS(in_memory_env(), batch_max=1, overlap=True)
    Network(app).stock("DC-NJ", "TEE", 5)
    app.saves = -1  # the next save is the first held one
    yield app
    app.close()


def first_held(oms: HeldOMS) -> None:
    oms.saves = 0


def test_the_next_batch_is_decided_on_top_of_the_one_committing(oms: HeldOMS) -> None:
    first_held(oms)
    first, second = queued_together(
        oms, lambda: oms.reserve("DC-NJ", "TEE", 2), lambda: oms.reserve("DC-NJ", "TEE", 2)
    )
    assert first.result() == {"available": 3, "position": first.result()["position"]}
    assert second.result()["available"] == 1  # saw the first while it was committing
    assert second.result()["position"] > first.result()["position"]
    assert oms.saves == 2
    assert oms.stock("DC-NJ", "TEE").reserved == 4


def test_a_batch_on_top_of_a_failed_commit_is_decided_again_on_what_is_stored(
    oms: HeldOMS,
) -> None:
    oms.fail_with = OperationalError("the database went away")
    first_held(oms)
    failed, refused_on_top, placed = queued_together(
        oms,
        lambda: oms.reserve("DC-NJ", "TEE", 4),
        lambda: oms.reserve("DC-NJ", "TEE", 3),  # refused on top of the first: 1 left
        lambda: oms.reserve("DC-NJ", "TEE", 1),
    )
    with pytest.raises(OperationalError, match="went away"):
        failed.result()
    # Decided again without the first's reservation, which was never stored.
    assert refused_on_top.result()["available"] == 2
    assert placed.result()["available"] == 1
    stock = oms.stock("DC-NJ", "TEE")
    assert (stock.reserved, stock.available) == (4, 1)
    versions = [e.originator_version for e in oms.events.get(stock.id)]
    assert versions == list(range(1, len(versions) + 1))


def test_a_refusal_on_top_of_a_committing_batch_restores_what_that_batch_decided(
    oms: HeldOMS,
) -> None:
    held: list[int | None] = []

    def writers_stock() -> None:  # while the first commits, the refusal undone on top of it
        with contextlib.suppress(KeyError):
            held.append(oms.writer.cache.get(node_stock_id("DC-NJ", "TEE")).reserved)
            return
        held.append(None)  # dropped: the next command would read the store, without the first

    oms.while_held = writers_stock  # type: ignore[method-assign]
    first_held(oms)
    first, refused, after = queued_together(
        oms,
        lambda: oms.reserve("DC-NJ", "TEE", 2),
        lambda: oms.reserve("DC-NJ", "TEE", 1, refuse=True),
        lambda: oms.reserve("DC-NJ", "TEE", 3),
    )
    assert first.result()["available"] == 3
    with pytest.raises(NotAllowed, match="refused after reserving"):
        refused.result()
    assert held == [2]
    # The refusal was undone to the first's state, not to the stored one (before it).
    assert after.result()["available"] == 0
    stock = oms.stock("DC-NJ", "TEE")
    assert (stock.reserved, stock.available) == (5, 0)


def test_a_key_of_the_committing_batch_is_answered_from_its_record(oms: HeldOMS) -> None:
    network = Network(oms, register=False)
    first_held(oms)
    first, again = queued_together(
        oms,
        lambda: network.place({"TEE": 2}, idempotency_key="same"),
        lambda: network.place({"TEE": 2}, idempotency_key="same"),
    )
    assert first.result() == again.result()
    assert oms.stock("DC-NJ", "TEE").reserved == 2


@pytest.mark.parametrize(("overlap", "committer"), [(True, "oms-commit"), (False, "oms-writer")])
def test_without_overlap_the_writer_commits_each_batch_itself(
    overlap: bool, committer: str
) -> None:
    oms = OMS(in_memory_env(), overlap=overlap)
    try:
        threads: list[str] = []
        save = oms.save

        def noted(*objs: Any, **kwargs: Any) -> Sequence[Any]:
            threads.append(threading.current_thread().name)
            return save(*objs, **kwargs)

        oms.save = noted  # type: ignore[method-assign]
        Network(oms).stock("DC-NJ", "TEE", 5)
        assert set(threads) == {committer}
    finally:
        oms.close()
