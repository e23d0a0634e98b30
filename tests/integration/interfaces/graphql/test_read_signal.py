"""The read side hears when a read model moves on, instead of polling the tables."""

from __future__ import annotations

import asyncio
import time

import psycopg
import pytest

from application.oms import OMS
from interfaces.graphql import read_signal
from interfaces.graphql.read_signal import ReadModelSignal, after
from projections import ProjectionRunner
from tests.application.network import Network


def test_a_waiter_wakes_as_soon_as_a_projection_batch_commits(
    database_url: str, network: Network, oms: OMS, runner: ProjectionRunner
) -> None:
    async def scenario() -> tuple[bool, float]:
        signal = ReadModelSignal(database_url)
        await signal.start()
        try:
            assert signal.listening
            change = signal.next_change()
            network.stock("DC-NJ", "KITE", 2)  # written, not projected yet
            await asyncio.sleep(0.3)
            assert change is not None
            assert not change.is_set()
            started = time.monotonic()
            await asyncio.gather(
                asyncio.to_thread(runner.catch_up), after(change, poll=5.0, longest=5.0)
            )
            return change.is_set(), time.monotonic() - started
        finally:
            await signal.stop()

    woken, waited = asyncio.run(scenario())
    assert woken
    assert waited < 2.0  # not the 5 s a missed notification would cost


def test_a_change_committed_between_taking_it_and_waiting_is_not_missed(
    database_url: str, network: Network, oms: OMS, runner: ProjectionRunner
) -> None:
    async def scenario() -> float:
        signal = ReadModelSignal(database_url)
        await signal.start()
        try:
            change = signal.next_change()
            network.stock("DC-NJ", "KITE", 2)
            await asyncio.to_thread(runner.catch_up)
            await asyncio.sleep(0.3)  # the notification arrives before anyone waits
            started = time.monotonic()
            await after(change, poll=5.0, longest=5.0)
            return time.monotonic() - started
        finally:
            await signal.stop()

    assert asyncio.run(scenario()) < 0.1


def test_without_a_signal_waiting_is_a_short_poll() -> None:
    started = time.monotonic()
    asyncio.run(after(None, poll=0.05, longest=5.0))
    assert time.monotonic() - started < 1.0


def test_a_listener_whose_connection_is_cut_wakes_its_waiters_and_listens_again(
    database_url: str,
    network: Network,
    oms: OMS,
    runner: ProjectionRunner,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(read_signal, "RECONNECT_DELAY", 0.05)

    async def scenario() -> tuple[bool, bool, bool]:
        signal = ReadModelSignal(database_url)
        await signal.start()
        try:
            cut = signal.next_change()
            await asyncio.to_thread(_terminate_listeners, database_url)
            await after(cut, poll=5.0, longest=5.0)
            woken_by_the_cut = cut is not None and cut.is_set()
            while not signal.listening:
                await asyncio.sleep(0.01)
            change = signal.next_change()
            network.stock("DC-NJ", "KITE", 2)
            await asyncio.gather(
                asyncio.to_thread(runner.catch_up), after(change, poll=5.0, longest=5.0)
            )
            return woken_by_the_cut, change is not None and change.is_set(), signal.listening
        finally:
            await signal.stop()

    assert asyncio.run(scenario()) == (True, True, True)


def _terminate_listeners(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        terminated = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = current_database() AND query LIKE 'LISTEN%'"
        ).fetchall()
    assert terminated == [(True,)]
