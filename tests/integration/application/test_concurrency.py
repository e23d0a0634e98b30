"""Many writers, one PostgreSQL: the event store's optimistic concurrency keeps stock exact."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest

from application.oms import OMS
from domain.errors import ConcurrencyConflict
from tests.application.network import Network


@pytest.fixture
def oms(postgres_env: dict[str, str]) -> Iterator[OMS]:
    app = OMS(postgres_env, conflict_retry_s=10)
    yield app
    app.close()


def test_eight_buyers_of_the_last_unit_get_exactly_one_allocation(oms: OMS) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "LAST", 1)
    start = Barrier(8)

    def buy(n: int) -> dict | Exception:
        start.wait()
        try:
            return network.place({"LAST": 1}, external_ref=f"race-{n}")
        except ConcurrencyConflict as conflict:
            return conflict

    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(buy, range(8)))

    answers = [r for r in results if isinstance(r, dict)]
    allocated = [a for a in answers if a["status"] == "ALLOCATED"]
    assert len(allocated) == 1
    assert all(a["status"] == "BACKORDERED" for a in answers if a not in allocated)
    stock = oms.stock("DC-NJ", "LAST")
    assert (stock.on_hand, stock.reserved, stock.available) == (1, 1, 0)


def test_concurrent_receipts_at_one_node_are_all_counted(oms: OMS) -> None:
    network = Network(oms)
    network.stock("DC-NJ", "BOLT", 1)
    start = Barrier(6)

    def receive(_: int) -> None:
        start.wait()
        for _ in range(5):
            network.stock("DC-NJ", "BOLT", 1)

    with ThreadPoolExecutor(6) as pool:
        list(pool.map(receive, range(6)))
    assert oms.stock("DC-NJ", "BOLT").on_hand == 31
