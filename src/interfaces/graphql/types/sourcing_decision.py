from __future__ import annotations

from datetime import datetime
from typing import Any

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.shipment_line import ShipmentLine


@strawberry.type(description="A node the sourcing engine considered for a decision.")
class SourcingCandidate:
    node_code: str = strawberry.field(description="The candidate node.")
    node_type: str | None = strawberry.field(description="Its type, if known.")
    score: float | None = strawberry.field(
        description="What one shipment from this node costs under the rules' weights "
        "(lower is better)."
    )
    distance_km: float | None = strawberry.field(
        description="Great-circle distance to the delivery address (none for pickups)."
    )
    excluded_by: str | None = strawberry.field(
        description="The rule that excluded the node, or null when it was eligible."
    )
    available: list[ShipmentLine] = strawberry.field(
        description="Available quantity of each wanted SKU at the node when it decided."
    )

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> SourcingCandidate:
        return cls(
            node_code=record["node"],
            node_type=record.get("node_type"),
            score=record.get("score"),
            distance_km=record.get("distance_km"),
            excluded_by=record.get("excluded_by"),
            available=[
                ShipmentLine(sku=sku, quantity=qty)
                for sku, qty in sorted((record.get("available") or {}).items())
            ],
        )


@strawberry.type(description="One sourcing decision: which nodes the engine chose, and why.")
class SourcingDecision:
    at: datetime = strawberry.field(description="When the decision was made.")
    rules_version: int = strawberry.field(description="The sourcing rules version that decided.")
    trigger: str = strawberry.field(description="PLACED, REJECTED, CHANGED or RESTOCKED.")
    rule: str = strawberry.field(description="single-node, split, partial or backorder.")
    reason: str = strawberry.field(description="Why sourcing ran (e.g. the rejection).")
    candidates: list[SourcingCandidate] = strawberry.field(
        description="Every node considered, with its score or the rule excluding it."
    )
    chosen: list[str] = strawberry.field(description="Codes of the nodes chosen.")

    @classmethod
    def from_row(cls, row: Row) -> SourcingDecision:
        """From an `order_tracking.order_sourcing` row."""
        return cls(
            at=row["at"],
            rules_version=row["rules_version"],
            trigger=row["trigger"],
            rule=row["rule"],
            reason=row["reason"],
            candidates=[SourcingCandidate.from_record(c) for c in row["explanation"]["candidates"]],
            chosen=list(row["chosen"]),
        )
