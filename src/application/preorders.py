"""Preorders: what stock on hand cannot fill, placed on supply in transit where rules allow.

Where the rules set `preorder_in_transit`, the lines a plan backorders are sourced once
more under the same rules, on the quantities in transit to each node (expected receipts
and transfers) that no preorder holds yet. Ship-together kits go first, whole from one
node, whose components may be partly on hand there (see domain.kit_preorders). Each such
shipment is promised for the latest date its node expects the supply it waits for (None
when only transfers bring it) and waits for it: the arrival policy fills it when the
supply is received (see backorder_commands).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from domain.kit_preorders import KitsOnSupply, kits_on_supply
from domain.kit_sourcing import less, source_rest
from domain.order_line import OrderLine
from domain.order_preorders import Preorders
from domain.sourcing import Plan, Request, Trigger
from domain.stock_levels import incoming

if TYPE_CHECKING:
    from application.allocation import StockBook
    from application.base import OMSBase


def preorder(
    app: OMSBase,
    request: Request,
    plan: Plan,
    book: StockBook,
    now: datetime,
    lines: Mapping[str, OrderLine],
) -> tuple[Plan, Preorders | None]:
    """The plan with what preorders take off its backorders, and those preorders."""
    version, rules = app.current_rules()
    trigger = Trigger(plan.explanation.get("trigger", Trigger.PLACED))
    wanted = replace(request, lines=dict(plan.backorders))
    in_transit = app.network.candidates(wanted.lines, now, book.loaded, measure=incoming)
    on_hand = [
        less(c, plan.shipments.get(c.node_code, {}))
        for c in app.network.candidates(wanted.lines, now, book.loaded)
    ]
    kits = kits_on_supply(
        lines, wanted, on_hand, in_transit, rules, now, version=version, trigger=trigger
    )
    taken = {node: _in_transit(kits, node) for node in kits.shipments} if kits else {}
    kit_units = kits.wanted if kits else {}
    on_supply = source_rest(wanted, kit_units, in_transit, taken, rules, now, version, trigger)
    shipments: dict[str, Counter[str]] = {}
    for placed in (kits.shipments if kits else {}, on_supply.shipments):
        for node, units in placed.items():
            shipments.setdefault(node, Counter()).update(units)
    if not shipments:
        return plan, None
    held = dict(kits.on_hand) if kits else {}
    promised = {
        node: _promised(book, node, [s for s in units if s not in held.get(node, ())])
        for node, units in shipments.items()
    }
    explanation = {
        **plan.explanation,
        "preorders": {"chosen": sorted(shipments), "promised": promised},
    }
    if kits and kits.shipments:
        explanation["preorders"]["kits"] = kits.explanation
    backorders = Counter(on_supply.backorders)
    backorders.update(kits.backorders if kits else {})
    rest_plan = replace(plan, backorders=dict(backorders), explanation=explanation)
    placed = {node: dict(units) for node, units in shipments.items()}
    return rest_plan, Preorders(placed, promised, held)


def _in_transit(kits: KitsOnSupply, node: str) -> dict[str, int]:
    """The units kits placed at `node` on its supply in transit (not reserved on hand)."""
    held = kits.on_hand.get(node, frozenset())
    return {s: q for s, q in kits.shipments[node].items() if s not in held}


def _promised(book: StockBook, node: str, skus: list[str]) -> str | None:
    dates = [
        receipt.expected_at.date()
        for sku in skus
        for receipt in book.get(node, sku).expected.values()
    ]
    return max(dates).isoformat() if dates else None
