"""BOPIS by transfer: what the pickup store cannot fill is sent to it from other nodes.

The lines the store's own plan backorders are sourced once more under the same rules, as
if shipped to the store's address, from any other node that may ship them (ship-together
kits whole from one node, as for any order). Each such shipment is a TRANSFER: picked,
packed and shipped at its node, then in transit to the store, and ready for pickup there
once the store has received all of it (see `application.pickup_transfers`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from domain.inventory_node import InventoryNode
from domain.kit_sourcing import source_with_kits
from domain.node_stock import NodeStock
from domain.order import Order
from domain.order_line import OrderLine
from domain.order_transfers import Transfers
from domain.sourcing import Candidate, Plan, Request, Trigger
from domain.values import Channel, DeliveryMethod, node_id

if TYPE_CHECKING:
    from application.allocation import StockBook
    from application.base import OMSBase


def transfer(
    app: OMSBase,
    order: Order,
    plan: Plan,
    book: StockBook,
    now: datetime,
    freed: Mapping[str, int] | None = None,
) -> tuple[Plan, Transfers | None]:
    """The plan with what transfers take off its backorders, and those transfers
    (`freed`: capacity slots the command gives back, as in `allocation.allocate`)."""
    rest, transfers, _ = send_to_store(
        app,
        plan,
        order.delivery.pickup_node or "",
        lines=order.lines,
        exclude=order.rejected_nodes(),
        channel=order.channel,
        now=now,
        loaded=book.loaded,
        freed=freed,
    )
    return rest, transfers


def send_to_store(
    app: OMSBase,
    plan: Plan,
    store_code: str,
    *,
    lines: Mapping[str, OrderLine],
    exclude: frozenset[str],
    channel: Channel,
    now: datetime,
    loaded: Mapping[tuple[str, str], NodeStock] | None = None,
    freed: Mapping[str, int] | None = None,
) -> tuple[Plan, Transfers | None, list[Candidate]]:
    """What `transfer` decides for a pickup at `store_code` whose plan is `plan`, for an
    order placed or only promised (`application.promising`): the plan less what transfers
    carry, the transfers, and the sending nodes as the engine saw them."""
    store = app.peek(node_id(store_code))
    if not isinstance(store, InventoryNode):
        return plan, None, []
    request = Request(
        lines=dict(plan.backorders),
        method=DeliveryMethod.SHIP,
        destination=store.location,
        exclude=exclude | {store.code},
        channel=channel,
    )
    version, rules = app.current_rules()
    trigger = Trigger(plan.explanation.get("trigger", Trigger.PLACED))
    candidates = app.network.candidates(request.lines, now, loaded, freed)
    sent = source_with_kits(
        lines, request, candidates, rules, now, version=version, trigger=trigger
    )
    if not sent.shipments:
        return plan, None, []
    explanation = {
        **plan.explanation,
        "transfers": {
            "to": store.code,
            "chosen": sent.chosen,
            "candidates": sent.explanation.get("candidates", {}),
        },
    }
    rest = replace(plan, backorders=dict(sent.backorders), explanation=explanation)
    senders = [c for c in candidates if c.node_code in sent.shipments]
    return rest, Transfers(sent.shipments, store.code), senders
