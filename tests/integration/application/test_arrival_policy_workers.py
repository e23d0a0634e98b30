"""Backorders allocated on arrival exactly once, with two policy worker processes (`oms
policies`) and one of them killed mid-way, then restarted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from uuid import UUID

from application.commands import AdjustStock
from application.oms import OMS
from domain.order import Order
from domain.values import OrderStatus, ShipmentStatus
from tests.application.network import Network

ORDERS = 40


@contextmanager
def policy_worker(database_url: str, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    env = {**os.environ, "DATABASE_URL": database_url, "OMS_LOG_LEVEL": "WARNING"}
    env.pop("OMS_API_KEYS", None)
    command = [sys.executable, "-c", "from interfaces.cli import app; app()", "policies"]
    with log.open("wb") as output:
        child = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while b"running the policies" not in log.read_bytes():
            assert child.poll() is None, log.read_text()
            assert time.monotonic() < deadline, "the policy worker did not start"
            time.sleep(0.1)
        yield child
    finally:
        if child.poll() is None:
            child.terminate()
            child.wait(timeout=15)


def all_allocated(oms: OMS, orders: list[UUID], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        oms.follower.catch_up()  # see what the workers saved
        if all(oms.order(oid).status is OrderStatus.ALLOCATED for oid in orders):
            return
        assert time.monotonic() < deadline, "the workers did not allocate every backorder"
        time.sleep(0.2)


def test_two_workers_one_killed_mid_way_allocate_every_backorder_exactly_once(
    postgres_env: dict[str, str], database_url: str, tmp_path: Path
) -> None:
    oms = OMS(postgres_env)
    network = Network(oms)
    oms.adjust_stock("STORE-NYC", AdjustStock(sku="TEE", counted_quantity=0, reason="none"))
    orders = [UUID(network.place({"TEE": 1})["order_id"]) for _ in range(ORDERS)]
    with ExitStack() as workers:
        first = workers.enter_context(policy_worker(database_url, tmp_path / "first.log"))
        workers.enter_context(policy_worker(database_url, tmp_path / "second.log"))
        for n in range(ORDERS // 2):
            network.stock("DC-NJ" if n % 2 else "DC-TX", "TEE", 2)
            if n == 6:
                first.send_signal(signal.SIGKILL)
            if n == 12:
                workers.enter_context(policy_worker(database_url, tmp_path / "restarted.log"))
            time.sleep(0.05)
        all_allocated(oms, orders)

    for oid in orders:
        order = oms.order(oid)
        [shipment] = order.shipments.values()
        assert (shipment.status, shipment.lines) == (ShipmentStatus.ALLOCATED, {"TEE": 1})
        allocations = [e for e in oms.events.get(oid) if isinstance(e, Order.Allocated)]
        assert [a.explanation["trigger"] for a in allocations] == ["PLACED", "RESTOCKED"]
    reserved = sum(oms.stock(code, "TEE").reserved for code in ("DC-NJ", "DC-TX"))
    assert reserved == ORDERS
    oms.close()
