"""After a journey: GraphQL and the stock read model must say what the aggregates say."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from domain.kits import carried, kits_in
from domain.shipment import GONE, LIVE
from domain.values import ShipmentStatus
from tests.e2e.graphql_server import Live

ORDER = """
query($id: ID!) {
  order(id: $id) {
    status version
    lines { sku quantity allocated shipped delivered cancelled backordered }
    shipments { id nodeCode status lines { sku quantity } }
  }
}
"""
STOCK = """
query($sku: String!) {
  stock(sku: $sku) {
    onHand reserved available inTransit
    byNode { nodeCode onHand reserved available inTransit }
  }
}
"""


def order_agrees(live: Live, order_id: str, after: int) -> dict[str, Any]:
    """The GraphQL order equals the Order aggregate; returns what GraphQL read."""
    read = live.read(ORDER, {"id": order_id}, after=after)["order"]
    order = live.server.oms.order(UUID(order_id))
    assert (read["status"], read["version"]) == (str(order.status), order.version)
    assert {s["id"]: _shipment(s) for s in read["shipments"]} == {
        str(s.id): (s.node_code, str(s.status), dict(s.lines)) for s in order.shipments.values()
    }
    live, gone = carried(order, LIVE), carried(order, GONE)
    delivered = carried(order, frozenset({ShipmentStatus.DELIVERED}))
    assert {ln["sku"]: _line(ln) for ln in read["lines"]} == {
        sku: (
            ln.quantity,
            kits_in(ln, live),
            kits_in(ln, gone),
            kits_in(ln, delivered),
            ln.cancelled,
            ln.backordered,
        )
        for sku, ln in order.lines.items()
    }
    return read


def stock_agrees(live: Live, skus: Iterable[str], after: int) -> None:
    """The stock read model of each SKU equals its NodeStock aggregates, node by node."""
    oms = live.server.oms
    for sku in skus:
        read = live.read(STOCK, {"sku": sku}, after=after)["stock"]
        by_node = {
            n["nodeCode"]: (n["onHand"], n["reserved"], n["available"], n["inTransit"])
            for n in read["byNode"]
        }
        held = {code: oms.stock(code, sku) for code in oms.network.holders(sku)}
        assert by_node == {
            code: (s.on_hand, s.reserved, s.available, s.in_transit) for code, s in held.items()
        }, sku
        totals = (read["onHand"], read["reserved"], read["available"], read["inTransit"])
        assert totals == tuple(sum(v[i] for v in by_node.values()) for i in range(4)), sku


def _shipment(s: dict[str, Any]) -> tuple[str, str, dict[str, int]]:
    return s["nodeCode"], s["status"], {ln["sku"]: ln["quantity"] for ln in s["lines"]}


def _line(ln: dict[str, Any]) -> tuple[int, ...]:
    keys = ("quantity", "allocated", "shipped", "delivered", "cancelled", "backordered")
    return tuple(ln[k] for k in keys)
