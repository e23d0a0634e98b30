"""Sourcing an order's open quantities and holding stock for them, or letting it go."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from domain.inventory_node import NodeStock
from domain.order import Order
from domain.sourcing import Request, source
from domain.values import DeliveryMethod, GeoPoint

if TYPE_CHECKING:
    from application.base import OMSBase


class StockBook:
    """The stock records one command touches, each loaded once and saved together."""

    def __init__(self, app: OMSBase) -> None:
        self._app = app
        self._loaded: dict[tuple[str, str], NodeStock] = {}
        self._changed: dict[tuple[str, str], NodeStock] = {}

    def get(self, code: str, sku: str) -> NodeStock:
        key = (code, sku)
        if key not in self._loaded:
            self._loaded[key] = self._app.stock(code, sku)
        return self._loaded[key]

    def change(self, code: str, sku: str) -> NodeStock:
        stock = self._changed[(code, sku)] = self.get(code, sku)
        return stock

    @property
    def changed(self) -> list[NodeStock]:
        return list(self._changed.values())


def allocate(app: OMSBase, order: Order, reason: str, book: StockBook) -> None:
    """Source what the order still needs and reserve it on the chosen nodes."""
    wanted = order.to_source()
    if not wanted:
        return
    now = datetime.now(UTC)
    address = order.delivery.get("address")
    request = Request(
        lines=wanted,
        method=order.method,
        destination=GeoPoint(address["lat"], address["lon"]) if address else None,
        pickup_node=order.delivery.get("pickup_node")
        if order.method is DeliveryMethod.PICKUP
        else None,
        exclude=order.rejected_nodes(),
    )
    candidates = app.network.candidates(wanted, now, book.get)
    for shipment in order.allocate(source(request, candidates), reason):
        for sku, qty in shipment.lines.items():
            book.change(shipment.node_code, sku).reserve(str(shipment.id), qty)


def release(reductions: Iterable[dict[str, Any]], book: StockBook) -> None:
    """Let go of reserved stock for shipment reductions (cancellations, rejections)."""
    for r in reductions:
        book.change(r["node_code"], r["sku"]).release(str(r["shipment_id"]), r["quantity"])
