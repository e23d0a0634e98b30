"""The writer decides queued commands one after another and saves them in one transaction."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from typing import Any

import pytest
from eventsourcing.persistence import OperationalError

from application.command import Answer, Outcome
from application.commands import ReceiveStock
from application.oms import OMS
from application.settings import in_memory_env
from domain.errors import NotAllowed
from tests.application.network import Network


class CountingOMS(OMS):
    """Counts saves; and has a command that reserves stock, then is refused."""

    saves = 0
    fail_with: Exception | None = None  # raised by the next save instead of saving

    def save(self, *objs: Any, **kwargs: Any) -> Sequence[Any]:
        self.saves += 1
        if self.fail_with is not None:
            error, self.fail_with = self.fail_with, None
            raise error
        return super().save(*objs, **kwargs)

    def reserve_then_refuse(self, code: str, sku: str, quantity: int) -> Answer:
        return self.run(None, self._reserve_then_refuse, code, sku, quantity)

    def _reserve_then_refuse(self, code: str, sku: str, quantity: int) -> Outcome:
        self.stock(code, sku).reserve("doomed", quantity)
        raise NotAllowed("refused after reserving")


@pytest.fixture
def oms() -> Iterator[CountingOMS]:
    app = CountingOMS(in_memory_env())
    yield app
    app.close()


def queued_together(oms: OMS, *calls: Any) -> list[Future[Answer]]:
    """Start each call in its own thread while the writer is held, so they form one batch
    (queued in the order given)."""
    held, release = threading.Event(), threading.Event()

    def hold() -> None:
        held.set()
        release.wait()

    blocker = threading.Thread(target=oms.writer.read, args=(hold,))
    blocker.start()
    held.wait()
    futures: list[Future[Answer]] = []
    threads = []
    for call in calls:
        future: Future[Answer] = Future()
        futures.append(future)

        def work(call: Any = call, future: Future[Answer] = future) -> None:
            try:
                future.set_result(call())
            except Exception as error:
                future.set_exception(error)

        threads.append(threading.Thread(target=work))
    for queued, thread in enumerate(threads, start=1):
        thread.start()
        while oms.writer._queue.qsize() < queued:  # queued behind the held read
            threading.Event().wait(0.001)
    release.set()
    for thread in [blocker, *threads]:
        thread.join()
    return futures


def test_queued_commands_are_saved_in_one_transaction_each_with_its_own_answer(
    oms: CountingOMS,
) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 10)
    before = oms.saves
    answers = queued_together(
        oms,
        lambda: network.place({"TEE": 2}, idempotency_key="a"),
        lambda: network.place({"TEE": 3}, idempotency_key="b"),
        lambda: oms.receive_stock("DC-NJ", ReceiveStock(sku="TEE", quantity=1)),
    )
    first, second, receipt = (f.result() for f in answers)
    assert oms.saves == before + 1
    assert first["order_id"] != second["order_id"]
    assert (receipt["on_hand"], receipt["reserved"]) == (11, 5)  # saw both placements
    assert oms.stock("DC-NJ", "TEE").reserved == 5
    # Each answer has its own position (at or after its own events).
    assert receipt["position"] < first["position"] < second["position"] == oms.head()


def test_a_refused_command_fails_alone_and_its_changes_are_undone(oms: CountingOMS) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 10)
    before = oms.saves
    good, refused, after = queued_together(
        oms,
        lambda: network.place({"TEE": 2}),
        lambda: oms.reserve_then_refuse("DC-NJ", "TEE", 7),
        lambda: network.place({"TEE": 8}),
    )
    assert good.result()["status"] == "ALLOCATED"
    with pytest.raises(NotAllowed, match="refused after reserving"):
        refused.result()
    # The third saw the first's reservation but not the refused one's: 8 of 8 available.
    assert after.result()["status"] == "ALLOCATED"
    assert oms.saves == before + 1
    stock = oms.stock("DC-NJ", "TEE")
    assert (stock.reserved, stock.available) == (10, 0)
    assert "doomed" not in {getattr(e, "reference", None) for e in oms.events.get(stock.id)}
    # The writer's own copy was restored too: the next command sees the stored state.
    assert network.place({"TEE": 1})["status"] == "BACKORDERED"


def test_a_batch_whose_save_fails_fails_its_callers_and_the_next_is_decided_on_the_store(
    oms: CountingOMS,
) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 5)
    oms.fail_with = OperationalError("the database went away")
    answers = queued_together(
        oms, lambda: network.place({"TEE": 4}), lambda: network.place({"TEE": 1})
    )
    for answer in answers:
        with pytest.raises(OperationalError, match="went away"):
            answer.result()
    # Nothing of theirs was stored, and the writer dropped its copies of what they changed.
    assert network.place({"TEE": 5})["status"] == "ALLOCATED"
    stock = oms.stock("DC-NJ", "TEE")
    assert (stock.reserved, stock.available) == (5, 0)
    versions = [e.originator_version for e in oms.events.get(stock.id)]
    assert versions == list(range(1, len(versions) + 1))


def test_the_same_key_twice_in_one_batch_places_once_and_answers_both_alike(
    oms: CountingOMS,
) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 10)
    answers = queued_together(
        oms,
        lambda: network.place({"TEE": 2}, idempotency_key="same"),
        lambda: network.place({"TEE": 2}, idempotency_key="same"),
    )
    first, second = (f.result() for f in answers)
    assert first == second
    assert oms.stock("DC-NJ", "TEE").reserved == 2


def test_a_command_run_by_a_command_is_refused_rather_than_deadlocking(oms: OMS) -> None:
    network = Network(oms)
    with pytest.raises(RuntimeError, match="cannot run another command"):
        oms.writer.read(lambda: network.stock("DC-NJ", "TEE", 1))


def test_what_the_writer_saved_is_learnt_without_reading_the_log_back(oms: CountingOMS) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "TEE", 10)
    decoded = []
    to_domain_event = oms.mapper.to_domain_event

    def decode(stored: Any) -> Any:
        decoded.append(stored)
        return to_domain_event(stored)

    oms.mapper.to_domain_event = decode  # type: ignore[method-assign]
    network.stock("DC-TX", "TEE", 10)  # a stock record the network index must learn of
    network.place({"TEE": 2})
    assert decoded == []  # the indexes learnt the events as they were saved
    assert oms.network.holders("TEE") == {"DC-NJ", "DC-TX"}
