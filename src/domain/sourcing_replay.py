"""A recorded sourcing decision as engine inputs again, to replay it under other rules.

The explanation of every decision keeps its request and each candidate as the engine saw
it (distance, capabilities, priority, cost, available quantities, capacity left). The
distance does not depend on the rules, so a replay takes the recorded one. A node that
was inactive or down then is inactive or down in the replay.
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

from domain.sourcing import Candidate, Request
from domain.sourcing_columns import REPLAY
from domain.sourcing_explanation import candidate_rows
from domain.values import Capability, Channel, DeliveryMethod, GeoPoint, NodeType

ALWAYS = ((datetime.min.replace(tzinfo=UTC), datetime.max.replace(tzinfo=UTC)),)
NOWHERE = GeoPoint(0.0, 0.0)


def replayable(explanation: dict[str, Any]) -> bool:
    """Whether the decision recorded enough to be replayed (older ones did not)."""
    recorded = explanation.get("candidates") or {}
    return "request" in explanation and all(field in recorded for field in REPLAY)


def request_from(explanation: dict[str, Any]) -> Request:
    recorded = explanation["request"]
    destination = recorded["destination"]
    return Request(
        lines=dict(recorded["lines"]),
        method=DeliveryMethod(recorded["method"]),
        destination=GeoPoint(*destination) if destination else None,
        pickup_node=recorded["pickup_node"],
        exclude=frozenset(recorded["exclude"]),
        channel=Channel(recorded["channel"]),
    )


def candidates_from(explanation: dict[str, Any]) -> list[Candidate]:
    return [
        Candidate(
            node_code=c["node"],
            location=NOWHERE,  # not measured again: the recorded distance stands
            capabilities=frozenset(Capability(x) for x in c["capabilities"]),
            available=dict(c["available"]),
            node_type=NodeType(c["node_type"]),
            priority=int(c["priority"]),
            ship_cost=Decimal(c["ship_cost"]),
            active=c["excluded_by"] != "inactive",
            downtimes=ALWAYS if c["excluded_by"] == "down" else (),
            capacity_left=c["capacity_left"],
            distance_km=c["distance_km"],
        )
        for c in candidate_rows(explanation)
    ]
