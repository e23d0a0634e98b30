"""Sixteen buyers race for a SKU spread thinly over five nodes: nothing is oversold."""

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from threading import Barrier

import pytest

from application.commands import RegisterNode
from application.oms import OMS
from tests.application.network import NODES, Network

STOCK = {"DC-NJ": 3, "DC-TX": 2, "STORE-NYC": 4, "DC-PA": 1, "DC-MA": 2}  # 12 units


@pytest.fixture
def oms(postgres_env: dict[str, str]) -> Iterator[OMS]:
    app = OMS(postgres_env, conflict_retry_s=30)
    yield app
    app.close()


def test_sixteen_threads_allocate_exactly_the_stock_and_backorder_the_rest(oms: OMS) -> None:
    network = Network(oms)
    for code, (lat, lon) in {"DC-PA": (39.95, -75.16), "DC-MA": (42.36, -71.06)}.items():
        oms.register_node(
            RegisterNode(code=code, name=code, type="DC", lat=lat, lon=lon, capabilities=["SHIP"])
        )
    for code, quantity in STOCK.items():
        network.stock(code, "THIN", quantity)
    start = Barrier(16)

    def buy(n: int) -> dict:
        start.wait()
        return network.place({"THIN": 2}, external_ref=f"thin-{n}")

    with ThreadPoolExecutor(16) as pool:
        answers = list(pool.map(buy, range(16)))

    allocated = sum(ln["quantity"] for a in answers for s in a["shipments"] for ln in s["lines"])
    backordered = sum(b["quantity"] for a in answers for b in a["backorders"])
    assert (allocated, backordered) == (12, 32 - 12)
    for code, quantity in STOCK.items():
        stock = oms.stock(code, "THIN")
        assert (stock.reserved, stock.available) == (quantity, 0)
    assert set(NODES) <= set(STOCK)
