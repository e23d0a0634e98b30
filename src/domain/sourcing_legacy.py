"""Explanations recorded before sourcing rules existed, in today's shape.

Those named each node considered with `eligible` and a `reason`; they were all decided
by the default rules (version 0). The trigger is read from the allocation's reason.
"""

from __future__ import annotations

from typing import Any

from domain.sourcing import Trigger


def legacy_explanation(
    reason: str, old: dict[str, Any], shipments: list[dict[str, Any]]
) -> dict[str, Any]:
    candidates = [
        {
            "node": c["node"],
            "distance_km": c.get("distance_km"),
            "score": c.get("distance_km"),
            "available": {},
            "excluded_by": None if c.get("eligible") else c.get("reason"),
        }
        for c in old.get("considered", ())
    ]
    return {
        "rules_version": 0,
        "trigger": str(trigger_of(reason)),
        "rule": old.get("rule"),
        "candidates": candidates,
        "chosen": sorted({str(s["node_code"]) for s in shipments}),
    }


def trigger_of(reason: str) -> Trigger:
    """The trigger an allocation's free-text reason stands for."""
    if "rejected" in reason:
        return Trigger.REJECTED
    if reason in ("line added", "quantity changed"):
        return Trigger.CHANGED
    if "restock" in reason or "arrived" in reason:
        return Trigger.RESTOCKED
    return Trigger.PLACED
