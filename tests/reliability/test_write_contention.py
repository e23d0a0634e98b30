"""Defect 7: honest writers racing on one SKU never see a concurrency conflict.

Many threads share one OMS (as the API's thread pool does) against the real PostgreSQL
event store; every command must succeed and every unit must be counted.
"""

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest

from application.oms import OMS
from application.settings import Settings
from domain.errors import ConcurrencyConflict
from interfaces.wiring import build_oms
from tests.application.network import Network


@pytest.fixture
def oms(database_url: str) -> Iterator[OMS]:
    app = build_oms(Settings(database_url=database_url, api_keys={}), database_url)
    yield app
    app.close()


def _race(work: Callable[[int, int], object], threads: int, per_thread: int) -> list[Exception]:
    start = Barrier(threads)
    failures: list[Exception] = []

    def run(n: int) -> None:
        start.wait()
        for i in range(per_thread):
            try:
                work(n, i)
            except ConcurrencyConflict as conflict:
                failures.append(conflict)

    with ThreadPoolExecutor(threads) as pool:
        list(pool.map(run, range(threads)))
    return failures


def test_eight_writers_receiving_one_sku_all_succeed(oms: OMS) -> None:
    network = Network(oms)
    conflicts = _race(lambda n, i: network.stock("DC-NJ", "HOT", 1), 8, 12)
    assert conflicts == []
    assert oms.stock("DC-NJ", "HOT").on_hand == 8 * 12


def test_sixteen_buyers_of_one_sku_all_get_an_answer(oms: OMS) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "HOT", 1000)
    conflicts = _race(lambda n, i: network.place({"HOT": 1}, external_ref=f"b{n}-{i}"), 16, 8)
    assert conflicts == []
    assert oms.stock("DC-NJ", "HOT").reserved == 16 * 8
