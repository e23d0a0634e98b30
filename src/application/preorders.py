"""Preorders: what stock on hand cannot fill, placed on supply in transit where rules allow.

Where the rules set `preorder_in_transit`, the lines a plan backorders are sourced once
more under the same rules, on the quantities in transit to each node (expected receipts
and transfers) that no preorder holds yet. Each such shipment is promised for the latest
date its node expects that supply (None when only transfers bring it) and waits for it:
the arrival policy fills it when the supply is received (see backorder_commands).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from domain.order_preorders import Preorders
from domain.sourcing import Plan, Request, Trigger, source
from domain.stock_levels import incoming

if TYPE_CHECKING:
    from application.allocation import StockBook
    from application.base import OMSBase


def preorder(
    app: OMSBase, request: Request, plan: Plan, book: StockBook, now: datetime
) -> tuple[Plan, Preorders | None]:
    """The plan with what preorders take off its backorders, and those preorders."""
    version, rules = app.current_rules()
    wanted = replace(request, lines=dict(plan.backorders))
    candidates = app.network.candidates(wanted.lines, now, book.loaded, measure=incoming)
    trigger = Trigger(plan.explanation.get("trigger", Trigger.PLACED))
    on_supply = source(wanted, candidates, rules, now, version=version, trigger=trigger)
    if not on_supply.shipments:
        return plan, None
    promised = {node: _promised(book, node, lines) for node, lines in on_supply.shipments.items()}
    explanation = {
        **plan.explanation,
        "preorders": {"chosen": sorted(on_supply.shipments), "promised": promised},
    }
    rest = replace(plan, backorders=dict(on_supply.backorders), explanation=explanation)
    return rest, Preorders(on_supply.shipments, promised)


def _promised(book: StockBook, node: str, lines: Mapping[str, int]) -> str | None:
    dates = [
        receipt.expected_at.date()
        for sku in lines
        for receipt in book.get(node, sku).expected.values()
    ]
    return max(dates).isoformat() if dates else None
