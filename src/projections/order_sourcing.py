"""Rows of `order_tracking.order_sourcing`: one per sourcing decision of an order."""

from __future__ import annotations

from typing import Any

from domain.order import Order
from domain.sourcing_explanation import candidate_rows
from projections.rows import Row

# What each candidate keeps in the read model (the event keeps more, for backtests).
CANDIDATE_FIELDS = ("node", "node_type", "distance_km", "score", "available", "excluded_by")


def decision_row(event: Order.Allocated, position: int) -> Row:
    explanation: dict[str, Any] = event.explanation
    return {
        "order_id": event.originator_id,
        "version": event.originator_version,
        "position": position,
        "at": event.timestamp,
        "rules_version": int(explanation.get("rules_version", 0)),
        "trigger": str(explanation.get("trigger", "PLACED")),
        "rule": str(explanation.get("rule") or ""),
        "reason": event.reason,
        "chosen": [str(code) for code in explanation.get("chosen", ())],
        "explanation": {
            "candidates": [
                {f: c.get(f) for f in CANDIDATE_FIELDS} for c in candidate_rows(explanation)
            ],
            "score": explanation.get("score"),
        },
    }
