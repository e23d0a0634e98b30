"""What the engine records of a decision: the request, every candidate, the rule applied.

Each candidate keeps what the engine saw (distance, capabilities, priority, cost,
available quantities, capacity left), so a decision can be replayed under other rules
(see sourcing_replay), beside its score, distance and the rule that excluded it. They are
kept as columns (sourcing_columns); `candidate_rows` reads them one dict per candidate.

Where the order goes is the customer's address, personal data the explanation keeps in
the clear (in events, read models, BI views and exports alike), so it keeps it coarse
enough to outlive an erasure (`COARSE`): the destination to two decimals of a degree and
each candidate's distance to the whole km (the engine measures no finer). Together with
the nodes' known places they locate the address to about a kilometre, not a street.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from domain.sourcing_columns import Labels, available_column, refused_column, rows
from domain.sourcing_search import Outcome, rounded

if TYPE_CHECKING:
    from domain.sourcing import Candidate, Request


_NO_CANDIDATES = ((),) * 11  # one empty column per field of a Candidate


def candidate_columns(
    candidates: Sequence[Candidate],
    wanted: Mapping[str, int],
    distances: list[float | None],
    scores: list[float],
    reasons: list[str | None],
    refusals: Mapping[int, Mapping[str, str]],
) -> dict[str, Any]:
    """Every candidate as the engine saw it, as columns (see sourcing_columns);
    `refusals`: the lines groups refused, by candidate index."""
    skus, label = sorted(wanted), Labels()
    # The candidates' fields as columns, transposed at once (in Candidate's field order).
    code, _, capabilities, available, node_type, priority, ship_cost, _, _, left, _ = (
        zip(*candidates, strict=True) if candidates else _NO_CANDIDATES
    )
    return {
        "skus": skus,
        "node": list(code),
        "distance_km": distances,
        "score": [rounded(score, 3) for score in scores],
        "priority": list(priority),
        "ship_cost": list(map(str, ship_cost)),
        "capacity_left": list(left),
        # str() of a StrEnum member is its value, and quicker than `.value`.
        "node_type": label.column(map(str, node_type)),
        "capabilities": label.column(capabilities),
        "excluded_by": label.column(reasons),
        "available": available_column(skus, available),
        "refused": refused_column(skus, refusals.items(), label),
        "labels": label.values(),
    }


def candidate_rows(explanation: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The explanation's candidates, one dict each (see sourcing_columns.rows); none for
    an allocation made without the engine (tests, bulk loads)."""
    recorded = explanation.get("candidates")
    return rows(recorded) if recorded else []


# Decimals of a degree a recorded destination keeps (about 1.1 km of latitude).
COARSE = 2


def request_record(request: Request, wanted: Mapping[str, int]) -> dict[str, Any]:
    where = request.destination
    return {
        "lines": dict(wanted),
        "method": str(request.method),
        "channel": str(request.channel),
        "destination": [round(where.lat, COARSE), round(where.lon, COARSE)] if where else None,
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
