"""Per-channel stock totals: which nodes each channel sells from, worked out once a batch."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from domain.values import Channel
from projections import stock_totals
from projections.stock_totals import Sellers, channel_rows

AT = datetime(2026, 1, 1, tzinfo=UTC)
NODES = {
    "DC-1": {"node_type": "DC", "capabilities": ["SHIP"], "active": True},
    "STORE-1": {"node_type": "STORE", "capabilities": ["PICKUP"], "active": True},
    "DC-2": {"node_type": "DC", "capabilities": ["SHIP"], "active": False},
}


def stocks(sku: str) -> list[dict[str, Any]]:
    return [{"sku": sku, "node_code": code, "available": 5} for code in (*NODES, "NEW-1")]


def test_skus_sharing_their_nodes_ask_each_channel_about_each_node_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    alone = {sku: list(channel_rows(sku, stocks(sku), NODES, AT)) for sku in ("A", "B")}
    asked: list[tuple[Channel, Any]] = []
    sells = stock_totals._sells

    def counting(channel: Channel, rule: Any, node: Any) -> bool:
        asked.append((channel, node))
        return sells(channel, rule, node)

    monkeypatch.setattr(stock_totals, "_sells", counting)
    sellers = Sellers(NODES)
    shared = {
        sku: list(channel_rows(sku, stocks(sku), NODES, AT, sellers=sellers)) for sku in ("A", "B")
    }

    assert shared == alone
    assert len(asked) == len(Channel) * (len(NODES) + 1)
    web = {r["channel"]: r["available"] for r in shared["A"]}
    assert (web["WEB"], web["STORE"]) == (5, 5)
