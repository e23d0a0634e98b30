"""The load generator against `oms serve` itself: every answer it counts is one the server
gave, keyed placements are placed once each, and a key reused with another body is a 409."""

from __future__ import annotations

import re
from dataclasses import replace

import httpx

from application.oms import OMS
from interfaces.bench.http_load import run_load
from interfaces.bench.server import order_request, served
from interfaces.bench.writes import prepare


def placements(url: str, outcome: str) -> int:
    """The server's own count of placements with `outcome` (its Prometheus metrics)."""
    text = httpx.get(f"{url}/metrics", timeout=10).text
    pattern = rf'^oms_commands_total{{command="place_order",outcome="{outcome}"}} (\S+)$'
    found = re.search(pattern, text, re.MULTILINE)
    return int(float(found.group(1))) if found else 0


def test_keyed_orders_are_each_placed_once_and_a_reused_key_answers_409(
    oms: OMS, database_url: str
) -> None:
    prepare(oms)
    keyed = order_request()
    same_key = replace(
        keyed, keyed=False, headers=(*keyed.headers, ("Idempotency-Key", "one-key-two-bodies"))
    )
    with served(database_url) as (url, _):
        placed = run_load(url, keyed, clients=16, seconds=1.0)
        mixed = run_load(url, replace(same_key, bodies=keyed.bodies[:2]), clients=4, seconds=0.5)
        ok = placements(url, "ok")

    assert placed.requests > 16
    assert placed.failures == placed.conflicts == 0
    assert len(placed.latencies_ms) == placed.requests
    assert ok == placed.requests + 1  # and the reused key's first body
    # whichever body is stored first, every request with the other is refused
    assert mixed.conflicts == mixed.failures > 0
    assert mixed.conflicts in (mixed.requests // 2, (mixed.requests + 1) // 2)
