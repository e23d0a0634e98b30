"""A server killed mid-load loses no answered command and doubles none.

Clients place keyed orders against `oms serve` until the process is killed (SIGKILL, in
the middle of the writer's batches). A fresh server on the same database then gets every
key again: each order answered before the crash is answered again the same way, each
unanswered one is placed now or found placed, and every key placed exactly one order.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import psycopg

from tests.e2e.helpers import order_body, register, unique
from tests.reliability.server_process import server_child

CLIENTS = 8
ANSWERED_BEFORE_KILL = 40


class Load:
    """Clients placing keyed orders until stopped: every key tried, the answered ones."""

    def __init__(self, url: str, body: Callable[[], dict[str, Any]]) -> None:
        self.url, self.body = url, body
        self.answers: dict[str, dict[str, Any]] = {}
        self.tried: list[str] = []
        self.stop = threading.Event()
        self._lock = threading.Lock()
        self._clients = [threading.Thread(target=self._client) for _ in range(CLIENTS)]
        for client in self._clients:
            client.start()

    def wait_for_answers(self, count: int) -> None:
        while len(self.answers) < count and any(c.is_alive() for c in self._clients):
            self.stop.wait(0.01)

    def finish(self) -> None:
        self.stop.set()
        for client in self._clients:
            client.join()

    def _client(self) -> None:
        with httpx.Client(base_url=self.url, timeout=10) as http:
            while not self.stop.is_set():
                key = unique("crash")
                with self._lock:
                    self.tried.append(key)
                headers = {"Idempotency-Key": key}
                try:
                    response = http.post("/orders", json=self.body(), headers=headers)
                except httpx.TransportError:
                    return  # the server is gone
                if response.status_code == 201:
                    with self._lock:
                        self.answers[key] = response.json()


def test_a_killed_server_loses_no_answered_order_and_places_none_twice(
    database_url: str, tmp_path: Path
) -> None:
    sku = unique("SKU")
    with server_child(database_url, tmp_path / "first.log") as (url, child):
        with httpx.Client(base_url=url) as http:
            code = unique("DC")
            register(http, code)
            http.post(f"/nodes/{code}/receipts", json={"sku": sku, "quantity": 100_000})
        load = Load(url, lambda: order_body({sku: 1}))
        load.wait_for_answers(ANSWERED_BEFORE_KILL)
        child.kill()  # SIGKILL: no shutdown, batches cut wherever they were
        child.wait()
        load.finish()
    answers, tried = load.answers, load.tried
    assert len(answers) >= ANSWERED_BEFORE_KILL

    with (
        server_child(database_url, tmp_path / "second.log") as (url, _),
        httpx.Client(base_url=url, timeout=10) as http,
    ):
        again = {
            key: http.post("/orders", json=order_body({sku: 1}), headers={"Idempotency-Key": key})
            for key in tried
        }
    assert all(response.status_code == 201 for response in again.values())
    for key, first in answers.items():
        assert again[key].json() == first  # the same order, the same answer
    orders = {response.json()["order_id"] for response in again.values()}
    assert len(orders) == len(tried)  # one order per key

    with psycopg.connect(database_url) as conn:
        created = conn.execute(
            "SELECT count(*) FROM oms_events WHERE topic = 'oms:Order.Placed'"
        ).fetchone()
    assert created is not None
    assert created[0] == len(tried)  # none placed twice
