"""What the engine records of a decision: the request, every candidate, the rule applied.

Each candidate keeps what the engine saw (location, capabilities, priority, cost,
available quantities, capacity left), so a decision can be replayed under other rules
(see sourcing_replay), beside its score, distance and the rule that excluded it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from domain.sourcing_search import Outcome

if TYPE_CHECKING:
    from domain.sourcing import Candidate, Request


def candidate_record(
    candidate: Candidate,
    wanted: Mapping[str, int],
    distance: float | None,
    score: float,
    reason: str | None,
    refused: dict[str, str],
) -> dict[str, Any]:
    return {
        "node": candidate.node_code,
        "node_type": str(candidate.node_type),
        "distance_km": distance,
        "score": round(score, 3),
        "available": {s: q for s, q in candidate.available.items() if s in wanted},
        "excluded_by": reason,
        "refused_lines": refused,
        "lat": candidate.location.lat,
        "lon": candidate.location.lon,
        "capabilities": sorted(candidate.capabilities),
        "priority": candidate.priority,
        "ship_cost": str(candidate.ship_cost),
        "capacity_left": candidate.capacity_left,
    }


def request_record(request: Request, wanted: Mapping[str, int]) -> dict[str, Any]:
    destination = request.destination
    return {
        "lines": dict(wanted),
        "method": str(request.method),
        "channel": str(request.channel),
        "destination": [destination.lat, destination.lon] if destination else None,
        "pickup_node": request.pickup_node,
        "exclude": sorted(request.exclude),
    }


def rule_name(wanted: Mapping[str, int], outcome: Outcome) -> str:
    if not wanted:
        return "nothing-to-source"
    if not outcome.shipments:
        return "backorder"
    if outcome.backorders:
        return "partial"
    return "single-node" if len(outcome.shipments) == 1 else "split"
