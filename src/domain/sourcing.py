"""Choosing nodes for order lines: one pure function from candidates and rules to a plan.

`source(request, candidates, rules, now)` decides in three steps:

1. Eligibility. A candidate is excluded, with the rule named, when it is inactive, down at
   `now`, excluded by the request (it rejected a shipment of this order), not the pickup
   store, unable to ship (or to hand over a pickup), of a node type the channel does not
   sell from, or out of daily capacity. Per line, product groups may refuse it (node
   type, capabilities, excluded nodes) and the channel's buffer holds units back.
2. Scores. Each node costs `distance * km + cost * ship_cost + priority * priority +
   shipments` (the rule set's weights); a plan costs the sum over its shipments. Plans are
   ranked by units left unsourced, then cost, then total priority and ship cost, then node
   codes, so decisions are repeatable.
3. Search. Every single-node plan that fills the order is scored exactly (one pass over
   the candidates). A split can only win if two of the cheapest nodes together cost less
   than the best single-node plan; only then is a beam search run (see sourcing_search).
What no allowed plan covers is backordered. The explanation records the rules version, the
trigger, every candidate (available quantities, score, distance, the rule that excluded
it; as columns, see sourcing_columns) and the chosen nodes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from typing import Any, NamedTuple

from domain.quick_init import quick_init
from domain.sourcing_eligibility import eligibility
from domain.sourcing_explanation import candidate_columns, request_record, rule_name
from domain.sourcing_rules import SourcingRules
from domain.sourcing_search import Option, Outcome, rounded, search
from domain.values import (
    Capability,
    Channel,
    DeliveryMethod,
    GeoPoint,
    NodeType,
    distances_from,
)

DEFAULT_RULES = SourcingRules()
# An empty mapping shared by every candidate with nothing to put in one: a decision over
# hundreds of candidates allocates less (and so triggers fewer garbage collections).


class Trigger(StrEnum):
    PLACED = "PLACED"
    REJECTED = "REJECTED"
    CHANGED = "CHANGED"
    RESTOCKED = "RESTOCKED"


class Candidate(NamedTuple):
    """A node as the engine sees it for one decision (a tuple: hundreds are made per
    decision, and a tuple is built ten times faster than a frozen dataclass)."""

    node_code: str
    location: GeoPoint
    capabilities: frozenset[Capability]
    available: Mapping[str, int]
    node_type: NodeType = NodeType.DC
    priority: int = 100
    ship_cost: Decimal = Decimal("0")
    active: bool = True
    downtimes: tuple[tuple[datetime, datetime], ...] = ()
    capacity_left: int | None = None
    # The distance to the delivery address when it is known already (a replay of a
    # recorded decision); None: measured from `location`.
    distance_km: float | None = None

    def down_at(self, at: datetime | None) -> bool:
        if not self.downtimes or at is None:
            return False
        return any(start <= at < end for start, end in self.downtimes)


@quick_init
@dataclass(frozen=True)
class Request:
    lines: Mapping[str, int]
    method: DeliveryMethod
    destination: GeoPoint | None = None
    pickup_node: str | None = None
    exclude: frozenset[str] = frozenset()
    channel: Channel = Channel.WEB


@quick_init
@dataclass(frozen=True)
class Plan:
    shipments: Mapping[str, Mapping[str, int]]
    backorders: Mapping[str, int]
    explanation: dict[str, Any] = field(default_factory=dict)

    @property
    def chosen(self) -> list[str]:
        return sorted(self.shipments)


def source(
    request: Request,
    candidates: Sequence[Candidate],
    rules: SourcingRules = DEFAULT_RULES,
    now: datetime | None = None,
    *,
    version: int = 0,
    trigger: Trigger = Trigger.PLACED,
) -> Plan:
    wanted = {sku: qty for sku, qty in request.lines.items() if qty > 0}
    channel = rules.channel(request.channel)
    distances = _distances(request.destination, candidates)
    costs = _ship_costs(candidates)
    scores = _scores(rules, distances, costs, candidates)
    groups = {sku: rules.groups_of(sku) for sku in wanted}
    reasons, usables, refusals = eligibility(request, channel, now, groups, candidates)
    make = tuple.__new__  # an Option without NamedTuple's constructor in Python
    options: list[Option] = [
        make(Option, (c.node_code, scores[n], usable, c.priority, costs[n]))
        for n, (c, usable) in enumerate(zip(candidates, usables, strict=True))
        if usable
    ]
    outcome = search(wanted, options, rules) if wanted else Outcome({}, {}, 0.0)
    explanation = {
        "rules_version": version,
        "trigger": str(trigger),
        "rule": rule_name(wanted, outcome),
        "request": request_record(request, wanted),
        "candidates": candidate_columns(candidates, wanted, distances, scores, reasons, refusals),
        "chosen": sorted(outcome.shipments),
        "score": rounded(outcome.score, 3),
    }
    return Plan(outcome.shipments, outcome.backorders, explanation)


def _distances(destination: GeoPoint | None, candidates: Sequence[Candidate]) -> list[float | None]:
    """Each candidate's distance (whole km, see `sourcing_explanation.COARSE`) from the
    destination: the recorded one when known (a replay), else measured from its location
    (None without a destination). The engine decides on the distances its explanation
    records."""
    if destination is None:
        return [c.distance_km for c in candidates]
    distance = distances_from(destination)
    return [
        float(round(distance(c.location))) if c.distance_km is None else c.distance_km
        for c in candidates
    ]


def _ship_costs(candidates: Sequence[Candidate]) -> list[float]:
    """Each candidate's ship cost as a float, each distinct cost converted once (equal
    Decimals give equal floats; a Decimal converts slowly)."""
    floats: dict[Decimal, float] = {}
    costs = []
    for c in candidates:
        cost = floats.get(c.ship_cost)
        if cost is None:
            cost = floats[c.ship_cost] = float(c.ship_cost)
        costs.append(cost)
    return costs


def _scores(
    rules: SourcingRules,
    distances: Sequence[float | None],
    costs: Sequence[float],
    candidates: Sequence[Candidate],
) -> list[float]:
    """What one shipment from each node costs under the rules' weights."""
    w = rules.weights
    km, cost, priority, shipments = w.distance, w.cost, w.priority, w.shipments
    return [
        km * (d or 0.0) + cost * ship_cost + priority * c.priority + shipments
        for d, ship_cost, c in zip(distances, costs, candidates, strict=True)
    ]
