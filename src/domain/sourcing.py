"""Choosing nodes for order lines: a pure function from candidates to a plan.

Rules, in order: a node must be active, not down, not excluded, able to serve the delivery
method and under its daily capacity. One node that can fill every line wins (nearest, then
highest priority, then cheapest); otherwise lines are split across nodes in that same order;
what no node can fill is backordered. The explanation says what was considered and why.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from domain.values import Capability, DeliveryMethod, GeoPoint


@dataclass(frozen=True)
class Candidate:
    node_code: str
    location: GeoPoint
    capabilities: frozenset[Capability]
    available: Mapping[str, int]
    priority: int = 100
    ship_cost: Decimal = Decimal("0")
    active: bool = True
    down: bool = False
    capacity_left: int | None = None


@dataclass(frozen=True)
class Request:
    lines: Mapping[str, int]
    method: DeliveryMethod
    destination: GeoPoint | None = None
    pickup_node: str | None = None
    exclude: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Plan:
    shipments: Mapping[str, Mapping[str, int]]
    backorders: Mapping[str, int]
    explanation: dict[str, Any] = field(default_factory=dict)


def source(request: Request, candidates: Sequence[Candidate]) -> Plan:
    considered = [_consider(request, c) for c in candidates]
    eligible = sorted(
        (c for c, reason in considered if reason is None), key=lambda c: _rank(request, c)
    )
    explanation: dict[str, Any] = {
        "considered": [
            {
                "node": c.node_code,
                "distance_km": _distance(request, c),
                "eligible": reason is None,
                "reason": reason or "eligible",
            }
            for c, reason in considered
        ],
    }
    wanted = {sku: qty for sku, qty in request.lines.items() if qty > 0}
    if not wanted:
        explanation["rule"] = "nothing-to-source"
        return Plan({}, {}, explanation)
    for candidate in eligible:
        if all(candidate.available.get(sku, 0) >= qty for sku, qty in wanted.items()):
            explanation["rule"] = "single-node"
            explanation["decided_by"] = candidate.node_code
            return Plan({candidate.node_code: dict(wanted)}, {}, explanation)
    shipments: dict[str, dict[str, int]] = {}
    backorders: dict[str, int] = {}
    for sku, qty in wanted.items():
        left = qty
        for candidate in eligible:
            take = min(left, candidate.available.get(sku, 0))
            if take > 0:
                shipments.setdefault(candidate.node_code, {})[sku] = take
                left -= take
            if not left:
                break
        if left:
            backorders[sku] = left
    explanation["rule"] = "split" if shipments else "backorder"
    return Plan(shipments, backorders, explanation)


def _consider(request: Request, candidate: Candidate) -> tuple[Candidate, str | None]:
    needed = Capability.PICKUP if request.method is DeliveryMethod.PICKUP else Capability.SHIP
    if not candidate.active:
        return candidate, "inactive"
    if candidate.down:
        return candidate, "down"
    if candidate.node_code in request.exclude:
        return candidate, "excluded"
    if request.method is DeliveryMethod.PICKUP and candidate.node_code != request.pickup_node:
        return candidate, "not the pickup store"
    if needed not in candidate.capabilities:
        return candidate, f"cannot {needed.value}"
    if candidate.capacity_left is not None and candidate.capacity_left <= 0:
        return candidate, "daily capacity reached"
    return candidate, None


def _distance(request: Request, candidate: Candidate) -> float | None:
    if request.destination is None:
        return None
    return round(request.destination.distance_km(candidate.location), 1)


def _rank(request: Request, candidate: Candidate) -> tuple[float, int, Decimal, str]:
    distance = _distance(request, candidate)
    return (distance or 0.0, candidate.priority, candidate.ship_cost, candidate.node_code)
