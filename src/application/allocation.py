"""Sourcing an order's open quantities and holding stock for them, or letting it go."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING

from application.collector import collector_paused
from application.preorders import preorder
from application.transfers import transfer
from domain.errors import OutOfStock
from domain.kit_sourcing import source_with_kits
from domain.node_stock import NodeStock
from domain.order import Order
from domain.order_line import OrderLine
from domain.shipment import Reduction, Shipment
from domain.sourcing import Candidate, Plan, Request, Trigger
from domain.values import DeliveryMethod, id_text

if TYPE_CHECKING:
    from application.base import OMSBase

_REFUSABLE = frozenset({Trigger.PLACED, Trigger.CHANGED})
# Plans made before giving up on a short record (the last one's reservation then fails).
PLAN_ATTEMPTS = 3


class StockBook:
    """The stock records one command touches, each loaded once and saved together."""

    def __init__(self, app: OMSBase) -> None:
        self._app = app
        self._loaded: dict[tuple[str, str], NodeStock] = {}
        self._changed: dict[tuple[str, str], NodeStock] = {}

    def get(self, code: str, sku: str) -> NodeStock:
        key = (code, sku)
        if key not in self._loaded:
            self._loaded[key] = self._app.stock(code, sku)
        return self._loaded[key]

    @property
    def loaded(self) -> Mapping[tuple[str, str], NodeStock]:
        """The records loaded so far by (node, SKU), with what this command already
        released or reserved."""
        return self._loaded

    def available(self, code: str, sku: str) -> int:
        """Units available now, counting what this command already released or reserved."""
        stock = self._loaded.get((code, sku))
        return stock.available if stock is not None else self._app.available(code, sku)

    def change(self, code: str, sku: str) -> NodeStock:
        stock = self._changed[(code, sku)] = self.get(code, sku)
        return stock

    @property
    def changed(self) -> list[NodeStock]:
        return list(self._changed.values())


def request_for(order: Order, wanted: dict[str, int]) -> Request:
    address = order.delivery.address
    pickup = order.method is DeliveryMethod.PICKUP
    return Request(
        lines=wanted,
        method=order.method,
        destination=address.location if address else None,
        pickup_node=order.delivery.pickup_node if pickup else None,
        exclude=order.rejected_nodes(),
        channel=order.channel,
    )


def plan_for(
    app: OMSBase,
    request: Request,
    candidates: Sequence[Candidate],
    now: datetime,
    trigger: Trigger = Trigger.PLACED,
    *,
    refuse_backorders: bool = True,
    lines: Mapping[str, OrderLine] | None = None,
) -> Plan:
    """The engine's plan for a request under the rules in force.

    A channel that takes no backorders refuses a placement or change it cannot fill
    (a re-sourcing after a rejection is not refused: the order is already accepted).
    """
    version, rules = app.current_rules()
    plan = source_with_kits(
        lines or {}, request, candidates, rules, now, version=version, trigger=trigger
    )
    if refuse_backorders:
        refuse_short(app, request, plan.backorders, trigger)
    return plan


def refuse_short(
    app: OMSBase, request: Request, backorders: Mapping[str, int], trigger: Trigger
) -> None:
    """Refuse what a channel taking no backorders cannot fill, at placement or a change."""
    channel = app.current_rules()[1].channel(request.channel)
    if backorders and trigger in _REFUSABLE and not channel.backorder:
        short = ", ".join(f"{q} x {sku}" for sku, q in sorted(backorders.items()))
        raise OutOfStock(f"channel {request.channel} takes no backorders; short: {short}")


def allocate(
    app: OMSBase,
    order: Order,
    trigger: Trigger,
    reason: str,
    book: StockBook,
    freed: Mapping[str, int] | None = None,
    *,
    progress_only: bool = False,
) -> list[Shipment]:
    """Source what the order still needs and reserve it on the chosen nodes; the new
    shipments. With `progress_only`, a plan that places nothing is not recorded.

    `freed`: capacity slots per node given back by shipments this command withdrew.

    Candidates are read from the cached records (no copies); the chosen records are then
    loaded into `book` and checked. If one turned out short (another command of this
    process saved in between), the next plan is made on the newer numbers. Every record
    is saved with the order in one transaction under optimistic concurrency, so a record
    changed by another process makes the save conflict and the command run again: a
    reservation never takes more than a record holds.
    """
    wanted = order.to_source()
    if not wanted:
        return []
    request = request_for(order, wanted)
    preordering = app.current_rules()[1].preorder_in_transit
    pickup = order.method is DeliveryMethod.PICKUP
    for _ in range(PLAN_ATTEMPTS):
        now = datetime.now(UTC)
        with collector_paused():  # see application.collector
            candidates = app.network.candidates(wanted, now, book.loaded, freed)
            plan = plan_for(
                app, request, candidates, now, trigger, refuse_backorders=False, lines=order.lines
            )
            del candidates  # freed before the collector runs again
            transfers = None
            if pickup and plan.backorders:  # the store lacks them: sent from other nodes
                plan, transfers = transfer(app, order, plan, book, now, freed)
        sent = transfers.shipments if transfers is not None else {}
        if _reservable(book, plan.shipments) and _reservable(book, sent):
            break
    preorders = None
    if preordering and plan.backorders:
        plan, preorders = preorder(app, request, plan, book, now, order.lines)
    refuse_short(app, request, plan.backorders, trigger)
    if progress_only and not plan.shipments and preorders is None and transfers is None:
        return []
    shipments = order.allocate(plan, reason, preorders, transfers)
    for shipment in shipments:
        reference = id_text(shipment.id)
        for sku, qty in shipment.lines.items():
            stock = book.change(shipment.node_code, sku)
            if sku in shipment.awaiting:
                stock.preorder(reference, qty)
            else:
                stock.reserve(reference, qty)
    return shipments


def _reservable(book: StockBook, shipments: Mapping[str, Mapping[str, int]]) -> bool:
    """Whether the stock records, as this command holds them, have what a plan takes."""
    return all(
        book.get(node, sku).available >= qty
        for node, lines in shipments.items()
        for sku, qty in lines.items()
    )


def release(order: Order, reductions: Iterable[Reduction], book: StockBook) -> None:
    """Let go of the stock the order's shipments held, for their reductions (cancellations,
    rejections, withdrawals): reserved on hand, or supply in transit for a preorder (or a
    transfer on its way to its pickup store, which holds it there: `Reduction.node_code`)."""
    for r in reductions:
        stock = book.change(r.node_code, r.sku)
        if r.sku in order.shipments[str(r.shipment_id)].awaiting:
            stock.release_preorder(str(r.shipment_id), r.quantity)
        else:
            stock.release(str(r.shipment_id), r.quantity)
