"""Sourcing an order that holds ship-together kits, with the engine of domain.sourcing.

A ship-together kit line goes to the engine as one line of its own SKU, counted in whole
kits, which a node offers only if it holds the components of every kit the line still
needs (and no product group of a component refuses the node). Those lines are sourced
first, with line splits off, so each comes whole from one node; the other lines are then
sourced as usual from what is left. The kits' decision is kept in the explanation under
`kits`. The plan returned names component SKUs only, as shipments carry them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import datetime

from domain.order_line import OrderLine
from domain.sourcing import Candidate, Plan, Request, Trigger, source
from domain.sourcing_rules import SourcingRules

Components = dict[str, int]


def together_kits(lines: Mapping[str, OrderLine], wanted: Mapping[str, int]) -> dict[str, int]:
    """Whole kits each ship-together kit line still needs, by kit SKU."""
    kits = {}
    for line in lines.values():
        if line.components and line.ship_together:
            count = min(wanted.get(c, 0) // per for c, per in line.components.items())
            if count:
                kits[line.sku] = count
    return kits


def source_with_kits(
    lines: Mapping[str, OrderLine],
    request: Request,
    candidates: Sequence[Candidate],
    rules: SourcingRules,
    now: datetime,
    *,
    version: int = 0,
    trigger: Trigger = Trigger.PLACED,
) -> Plan:
    kits = together_kits(lines, request.lines)
    if not kits:
        return source(request, candidates, rules, now, version=version, trigger=trigger)
    parts = {sku: lines[sku].components for sku in kits}
    kit_rules = replace(rules, split=replace(rules.split, lines=False))
    kit_request = replace(request, lines=kits)
    kit_candidates = [offering_kits(c, kits, parts, rules) for c in candidates]
    first = source(kit_request, kit_candidates, kit_rules, now, version=version, trigger=trigger)
    taken = {node: units_of(shipped, parts) for node, shipped in first.shipments.items()}
    second = source_rest(
        request, units_of(kits, parts), candidates, taken, rules, now, version, trigger
    )
    return _merged(first, second, parts)


def source_rest(
    request: Request,
    kit_units: Mapping[str, int],
    candidates: Sequence[Candidate],
    taken: Mapping[str, Mapping[str, int]],
    rules: SourcingRules,
    now: datetime,
    version: int,
    trigger: Trigger,
) -> Plan:
    """The request's units beside the kits' (`kit_units`), sourced on the candidates less
    what the kits took at each node (`taken`)."""
    rest = Counter(request.lines)
    rest.subtract(kit_units)
    rest_request = replace(request, lines={sku: q for sku, q in rest.items() if q > 0})
    left = [less(c, taken.get(c.node_code, {})) for c in candidates]
    return source(rest_request, left, rules, now, version=version, trigger=trigger)


def offering_kits(
    candidate: Candidate,
    kits: Mapping[str, int],
    parts: Mapping[str, Components],
    rules: SourcingRules,
) -> Candidate:
    offered = {}
    for sku, count in kits.items():
        components = parts[sku]
        holds = all(candidate.available.get(c, 0) >= count * per for c, per in components.items())
        refused = any(
            group.refuses(candidate.node_code, candidate.node_type, candidate.capabilities)
            for c in components
            for group in rules.groups_of(c)
        )
        offered[sku] = count if holds and not refused else 0
    return candidate._replace(available=offered)


def less(candidate: Candidate, taken: Mapping[str, int]) -> Candidate:
    if not taken:
        return candidate
    left = {sku: qty - taken.get(sku, 0) for sku, qty in candidate.available.items()}
    return candidate._replace(available=left)


def units_of(kits: Mapping[str, int], parts: Mapping[str, Components]) -> dict[str, int]:
    units: Counter[str] = Counter()
    for sku, count in kits.items():
        for component, per in parts[sku].items():
            units[component] += count * per
    return dict(units)


def _merged(first: Plan, second: Plan, parts: Mapping[str, Components]) -> Plan:
    shipments: dict[str, Counter[str]] = {}
    for node, kits in first.shipments.items():
        shipments.setdefault(node, Counter()).update(units_of(kits, parts))
    for node, units in second.shipments.items():
        shipments.setdefault(node, Counter()).update(units)
    backorders = Counter(units_of(first.backorders, parts))
    backorders.update(second.backorders)
    rest_sourced = second.shipments or second.backorders
    base = second.explanation if rest_sourced else first.explanation
    explanation = {**base, "chosen": sorted(shipments), "kits": first.explanation}
    return Plan(
        {node: dict(units) for node, units in shipments.items()},
        {sku: qty for sku, qty in backorders.items() if qty > 0},
        explanation,
    )
