"""The network as sourcing sees it: which nodes hold each SKU, their load today, and
whether a sourcing rule set exists.

The index learns from the application's event log (new stock records, allocations;
see log_follower.py), so every process knows every stock record, whichever process
opened it. Stock numbers are read from the NodeStock aggregates themselves, so a plan
is always made against the same state the reservations are checked against.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from datetime import datetime
from threading import Lock
from typing import TYPE_CHECKING
from uuid import UUID

from application.holdings import Holdings
from domain.daily_load import DailyLoad
from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.order import Order
from domain.rule_set import SourcingRuleSet
from domain.shipment import LEAVES_NODE, Step
from domain.sourcing import Candidate
from domain.stock_levels import available
from domain.values import id_text

if TYPE_CHECKING:
    from application.base import OMSBase


class NetworkIndex:
    TOPICS = frozenset(
        {
            NodeStock.Created.TOPIC,
            Order.Allocated.TOPIC,
            Order.Cancelled.TOPIC,
            Order.ShipmentStepped.TOPIC,
            Order.AllocationsWithdrawn.TOPIC,
            SourcingRuleSet.Created.TOPIC,
        }
    )

    def __init__(self, app: OMSBase) -> None:
        self._app = app
        self._lock = Lock()
        self._holdings = Holdings()
        self._load = DailyLoad()
        self._known: dict[str, _NodeFacts] = {}  # by node code
        self._records: dict[UUID, tuple[str, str]] = {}  # stock record id -> node, SKU
        self.rules_exist = False  # whether a sourcing rule set was ever saved

    def candidates(
        self,
        skus: Iterable[str],
        at: datetime,
        own: Mapping[tuple[str, str], NodeStock] | None = None,
        freed: Mapping[str, int] | None = None,
        measure: Callable[[NodeStock], int] = available,
    ) -> list[Candidate]:
        """Every node holding any of the SKUs, with the quantities its stock records have
        available (the writer's, read all at once; `own`: records by (node, SKU) that the
        command deciding now holds, which take their place).

        `freed`: capacity slots per node that the command deciding now gives back (its
        withdrawn shipments), which the log does not show yet. `measure`: the quantity a
        record offers (what is available; for preorders, what is in transit unheld).
        """
        with self._lock:
            codes, ids, held = self._holdings.held(skus)
        found = self._app.peek_many(ids)
        nodes = found[: len(codes)]
        amounts = [measure(s) if s is not None else 0 for s in found[len(codes) :]]
        candidates = []
        known = self._known
        make = tuple.__new__  # a Candidate without NamedTuple._make in Python
        at_record = 0  # the first of the node's records in `amounts`
        for code, node in zip(codes, nodes, strict=True):
            holds = held[code]
            if len(holds) == 1:  # most nodes hold one of the lines: no zip
                quantities = {holds[0]: amounts[at_record]}
                at_record += 1
            else:
                upto = at_record + len(holds)
                quantities = dict(zip(holds, amounts[at_record:upto], strict=True))
                at_record = upto
            if own:
                for sku in quantities:
                    if (code, sku) in own:
                        quantities[sku] = measure(own[code, sku])
            facts = known.get(code)
            # (`_version`: the `version` property's value, read without its call per node.)
            if facts is None or facts.node is not node or facts.version != node._version:
                if not isinstance(node, InventoryNode):
                    continue
                facts = known[code] = _NodeFacts(node)
            left = None
            if facts.capacity is not None:
                left = self._capacity_left(facts, at, freed.get(code, 0) if freed else 0)
            candidates.append(make(Candidate, (*facts.head, quantities, *facts.tail, left, None)))
        return candidates

    def holders(self, sku: str) -> set[str]:
        """The codes of every node that has ever held a stock record of the SKU."""
        with self._lock:
            return self._holdings.codes(sku)

    def record(self, stock_id: UUID) -> tuple[str, str] | None:
        """The node code and SKU of a stock record (None if the index has not seen it)."""
        with self._lock:
            return self._records.get(stock_id)

    def known(self, sku: str) -> bool:
        """Whether any node ever held a stock record of the SKU."""
        with self._lock:
            return sku in self._holdings

    def _capacity_left(self, facts: _NodeFacts, at: datetime, freed: int) -> int:
        """Shipments a node with a daily capacity may still take on `at`'s day."""
        assert facts.capacity is not None
        return facts.capacity - (self._load.used(facts.code, at.date()) - freed)

    def learn(self, event: object) -> None:
        with self._lock:
            self._learn(event)

    def _learn(self, event: object) -> None:
        if isinstance(event, NodeStock.Created):
            self._holdings.add(event.node_code, event.sku)
            self._records[event.originator_id] = (event.node_code, event.sku)
        elif isinstance(event, SourcingRuleSet.Created):
            self.rules_exist = True
        elif isinstance(event, Order.Allocated):
            for s in event.shipments:
                units = sum(s.lines.values())
                day = event.timestamp.date()
                self._load.allocated(id_text(s.shipment_id), s.node_code, day, units)
        elif isinstance(event, Order.Cancelled):
            for r in event.from_shipments:
                self._load.reduced(str(r.shipment_id), r.quantity)
        elif isinstance(event, Order.AllocationsWithdrawn):
            for s in event.shipments:
                self._load.dropped(str(s.shipment_id))
        elif isinstance(event, Order.ShipmentStepped):
            if event.step == Step.REJECT:
                self._load.dropped(str(event.shipment_id))
            elif event.step in LEAVES_NODE:
                self._load.left(str(event.shipment_id))


class _NodeFacts:
    """One version of a node's master data in Candidate field order (around `available`
    and the capacity left, which change from one decision to the next)."""

    def __init__(self, node: InventoryNode) -> None:
        self.node, self.version, self.code = node, node.version, node.code
        self.head = (node.code, node.location, node.capabilities)
        downtimes = tuple((start, end) for start, end, _ in node.downtimes.values())
        self.tail = (node.node_type, node.priority, node.ship_cost, node.active, downtimes)
        self.capacity = node.daily_capacity
