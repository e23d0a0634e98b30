"""A running server chains every event it stores, seals the chain and opens the bi views."""

from __future__ import annotations

import time
from collections.abc import Callable

import httpx
import psycopg
import pytest

from tests.e2e.conftest import e2e_settings, serve


def eventually(check: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            pytest.fail("not within the time allowed")
        time.sleep(0.1)


def test_the_server_chains_and_seals_new_events_and_lets_oms_bi_read_the_views(
    module_database_url: str,
) -> None:
    settings = e2e_settings(
        module_database_url,
        projections_in_process=True,
        seal_interval_s=0.2,
        bi_password="a-long-bi-password",
    )
    with serve(settings) as server, psycopg.connect(module_database_url, autocommit=True) as db:
        with httpx.Client(base_url=server.url, timeout=20) as http:
            node = {
                "code": "DC-1",
                "name": "DC",
                "type": "DC",
                "lat": 40.7,
                "lon": -74.0,
                "capabilities": ["SHIP"],
            }
            assert http.post("/nodes", json=node).status_code == 201
            answer = http.post("/nodes/DC-1/receipts", json={"sku": "TEE", "quantity": 5})
            assert answer.status_code == 200, answer.text
        head = answer.json()["position"]

        def chained_and_sealed() -> bool:
            links = db.execute("SELECT max(position) FROM audit.chain_links").fetchone()
            seal = db.execute("SELECT max(position) FROM audit.seals").fetchone()
            return bool(links and seal and links[0] == head and seal[0] == head)

        eventually(chained_and_sealed)
        with psycopg.connect(
            module_database_url, user="oms_bi", password="a-long-bi-password"
        ) as bi:
            eventually(
                lambda: bool(
                    bi.execute("SELECT count(*) FROM bi.stock_positions").fetchone() == (1,)
                )
            )
