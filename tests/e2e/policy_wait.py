"""Waiting for a policy to act, and reading the order it acted on through GraphQL."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from tests.e2e.agreement import order_agrees, stock_agrees
from tests.e2e.graphql_server import Live

ORDER = """
query($id: ID!) {
  order(id: $id) {
    id status
    lines { sku quantity allocated backordered cancelled }
    shipments { id nodeCode status lines { sku quantity } }
    timeline { type detail }
  }
}
"""


def head(live: Live) -> int:
    return live.server.oms.head()


def eventually(check: Callable[[], Any], timeout: float = 30.0) -> Any:
    """The first truthy result of `check`, asked until `timeout` seconds have passed."""
    deadline = time.monotonic() + timeout
    while not (found := check()):
        assert time.monotonic() < deadline, "the policy did not act in time"
        time.sleep(0.05)
    return found


def order(live: Live, oid: str) -> dict[str, Any]:
    """The order as GraphQL reads it once the read models reached the log's head."""
    found: dict[str, Any] = live.read(ORDER, {"id": oid}, after=head(live))["order"]
    return found


def status_becomes(live: Live, oid: str, status: str) -> dict[str, Any]:
    found: dict[str, Any] = eventually(lambda: (o := order(live, oid))["status"] == status and o)
    return found


def agrees_with_aggregates(live: Live, oid: str, sku: str) -> None:
    """GraphQL's order and the SKU's stock read model equal the aggregates now."""
    order_agrees(live, oid, head(live))
    stock_agrees(live, [sku], head(live))
