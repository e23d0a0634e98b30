"""A stock record as of any instant, over many versions (the in-memory store)."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from application.audit import AuditLog
from domain.values import node_stock_id
from tests.application.network import Network


def test_the_stock_as_of_each_instant_counts_exactly_the_receipts_before_it(
    network: Network,
) -> None:
    instants = []
    for _ in range(150):
        network.stock("DC-NJ", "TEE", 1)
        time.sleep(0.0002)
        instants.append(datetime.now(UTC))
    audit = AuditLog(network.oms)
    stock_id = node_stock_id("DC-NJ", "TEE")

    on_hand = [audit.as_of(stock_id, at).on_hand for at in instants]

    assert on_hand == list(range(1, 151))
    assert audit.as_of(stock_id, instants[0] - timedelta(seconds=5)) is None


def test_a_naive_instant_is_taken_as_utc(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 2)
    now = datetime.now(UTC).replace(tzinfo=None) + timedelta(seconds=1)

    stock = AuditLog(network.oms).as_of(node_stock_id("DC-NJ", "TEE"), now)

    assert stock is not None
    assert stock.on_hand == 2
