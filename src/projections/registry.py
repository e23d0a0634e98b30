"""The read models this service keeps, by name."""

from __future__ import annotations

from projections.base import Projection
from projections.order_tracking import OrderTrackingProjection
from projections.receivables import ReceivablesProjection
from projections.returns import ReturnsProjection
from projections.stock import StockProjection


def all_projections() -> list[Projection]:
    return [
        StockProjection(),
        OrderTrackingProjection(),
        ReturnsProjection(),
        ReceivablesProjection(),
    ]


def projection_named(name: str) -> Projection:
    for projection in all_projections():
        if projection.name == name:
            return projection
    known = ", ".join(p.name for p in all_projections())
    raise KeyError(f"no projection named {name!r} (known: {known})")
