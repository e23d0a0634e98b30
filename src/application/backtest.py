"""Backtesting a rule set: recorded sourcing decisions replayed under other rules.

Each recorded decision is run again on its recorded candidates and quantities; the two
columns compare what was decided (under the rules versions that decided) with what the
other rules would have decided. Stock is not carried from one decision to the next:
each replay sees exactly what its decision saw.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from eventsourcing.application import Application

from domain.order import Order
from domain.sourcing import Plan, source
from domain.sourcing_explanation import candidate_rows
from domain.sourcing_replay import candidates_from, replayable, request_from
from domain.sourcing_rules import SourcingRules


@dataclass
class Totals:
    """Sums over decisions: what a column of the report shows."""

    decisions: int = 0
    shipments: int = 0
    split: int = 0
    distance_km: float = 0.0
    ship_cost: Decimal = Decimal(0)
    backordered: int = 0
    versions: set[int] = field(default_factory=set)

    def add(self, explanation: dict[str, Any], chosen: Iterable[str], backordered: int) -> None:
        nodes = {c["node"]: c for c in candidate_rows(explanation)}
        chosen = list(chosen)
        self.decisions += 1
        self.shipments += len(chosen)
        self.split += len(chosen) > 1
        self.distance_km += sum(nodes[n]["distance_km"] or 0.0 for n in chosen)
        self.ship_cost += sum((Decimal(nodes[n]["ship_cost"]) for n in chosen), Decimal(0))
        self.backordered += backordered
        self.versions.add(int(explanation["rules_version"]))

    def report(self) -> dict[str, Any]:
        per_order = self.shipments / self.decisions if self.decisions else 0.0
        return {
            "decisions": self.decisions,
            "shipments_per_order": round(per_order, 3),
            "split_rate": round(self.split / self.decisions, 3) if self.decisions else 0.0,
            "total_distance_km": round(self.distance_km, 1),
            "total_ship_cost": str(self.ship_cost),
            "backordered_units": self.backordered,
        }


def backtest(events: Iterable[Order.Allocated], rules: SourcingRules) -> dict[str, Any]:
    """Recorded figures beside the figures under `rules`, over the replayable decisions."""
    recorded, replayed, skipped = Totals(), Totals(), 0
    for event in events:
        explanation = event.explanation
        if not replayable(explanation):
            skipped += 1
            continue
        recorded.add(explanation, explanation["chosen"], sum(event.backordered.values()))
        plan = replay(explanation, rules, event.timestamp)
        replayed.add(plan.explanation, plan.chosen, sum(plan.backorders.values()))
    return {
        "recorded": {**recorded.report(), "rules_versions": sorted(recorded.versions)},
        "backtest": replayed.report(),
        "skipped": skipped,
    }


def replay(explanation: dict[str, Any], rules: SourcingRules, at: datetime) -> Plan:
    return source(request_from(explanation), candidates_from(explanation), rules, at)


def recorded_decisions(app: Application, since: datetime | None) -> Iterator[Order.Allocated]:
    """Every allocation in the log (oldest first), from `since` on if given."""
    position, page = 0, 500
    while True:
        notifications = app.recorder.select_notifications(
            position, page, topics=[Order.Allocated.TOPIC], inclusive_of_start=False
        )
        for notification in notifications:
            event = app.mapper.to_domain_event(notification)
            if isinstance(event, Order.Allocated) and (since is None or event.timestamp >= since):
                yield event
            position = notification.id
        if len(notifications) < page:
            return
