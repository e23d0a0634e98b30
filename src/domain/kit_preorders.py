"""Ship-together kits preordered whole from one node, partly on hand and partly in transit.

A ship-together kit line the on-hand plan backordered (no node holds every component) may
still be placed at one node, under `preorder_in_transit`, where each component is either
available there or in transit to it (and not yet preordered). The engine chooses among the
nodes offering the kits as for any kit line (no line splits), and the node's preorder
shipment carries the whole kits: the components it holds are reserved on hand at once
(`on_hand`), the others wait for their supply. A component counts as one or the other,
never part of each, so each SKU of the shipment either is reserved or waits. Kits no node
can offer so stay backordered whole (none of their components is preordered elsewhere).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from domain.kit_sourcing import offering_kits, together_kits, units_of
from domain.order_line import OrderLine
from domain.sourcing import Candidate, Request, Trigger, source
from domain.sourcing_rules import SourcingRules


@dataclass(frozen=True)
class KitsOnSupply:
    """Component units placed by node, the SKUs of each reserved on hand, the decision, and
    every component unit of the kits wanted (placed or still backordered)."""

    shipments: dict[str, dict[str, int]]
    on_hand: dict[str, frozenset[str]]
    explanation: dict[str, Any]
    wanted: dict[str, int]

    @property
    def backorders(self) -> dict[str, int]:
        """The component units of the kits no node could take."""
        left = Counter(self.wanted)
        for units in self.shipments.values():
            left.subtract(units)
        return {sku: q for sku, q in left.items() if q > 0}


def kits_on_supply(
    lines: Mapping[str, OrderLine],
    request: Request,
    on_hand: Sequence[Candidate],
    in_transit: Sequence[Candidate],
    rules: SourcingRules,
    now: datetime,
    *,
    version: int = 0,
    trigger: Trigger = Trigger.PLACED,
) -> KitsOnSupply | None:
    """Where the ship-together kits among `request.lines` (component units) can be placed
    whole on what each node has available (`on_hand`) or in transit unheld (`in_transit`,
    the same nodes measured on their incoming supply); None when no such kit is wanted."""
    kits = together_kits(lines, request.lines)
    if not kits:
        return None
    parts = {sku: lines[sku].components for sku in kits}
    held = {c.node_code: c.available for c in on_hand}
    either = [
        c._replace(
            available={
                s: max(q, held.get(c.node_code, {}).get(s, 0)) for s, q in c.available.items()
            }
        )
        for c in in_transit
    ]
    kit_rules = replace(rules, split=replace(rules.split, lines=False))
    chosen = source(
        replace(request, lines=kits),
        [offering_kits(c, kits, parts, rules) for c in either],
        kit_rules,
        now,
        version=version,
        trigger=trigger,
    )
    shipments = {node: units_of(placed, parts) for node, placed in chosen.shipments.items()}
    reserved = {
        node: frozenset(s for s, q in units.items() if held.get(node, {}).get(s, 0) >= q)
        for node, units in shipments.items()
    }
    return KitsOnSupply(shipments, reserved, chosen.explanation, units_of(kits, parts))


def _either(in_transit: Mapping[str, int], on_hand: Mapping[str, int]) -> dict[str, int]:
    """Per SKU, the most one source alone offers: a component comes wholly from one."""
    return {sku: max(q, on_hand.get(sku, 0)) for sku, q in in_transit.items()}
