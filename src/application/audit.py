"""Reading the event store for auditors: an order's stored history, aggregates as of an instant.

These reads go to the event store by design (not to the read models): what they show is
what was recorded, with its log position and actor.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from application.logged_event import LoggedEvent
from application.stored_events import StoredEvents
from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule
from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.order import Order
from domain.rule_set import RULE_SET_ID, SourcingRuleSet
from domain.values import Channel, node_id, node_stock_id

if TYPE_CHECKING:
    from application.base import OMSBase

PROBES = 32  # versions read per query while searching for the version at an instant


@dataclass(frozen=True)
class StockAsOf:
    """A SKU's stock record at one node as it stood at an instant, and the node then."""

    stock: NodeStock
    node: InventoryNode | None


def utc(at: datetime) -> datetime:
    return at if at.tzinfo is not None else at.replace(tzinfo=UTC)


class AuditLog:
    """Read-only views of the event store of an OMS application."""

    def __init__(self, app: OMSBase) -> None:
        self.app = app
        self.stored = StoredEvents(app)

    def order_history(self, order_id: UUID) -> list[LoggedEvent]:
        """Every stored event of the order and of its returns, oldest first; [] if unknown."""
        own = self._logged([order_id])
        returns = {
            UUID(str(e.event.return_id)) for e in own if isinstance(e.event, Order.ReturnRecorded)
        }
        if not returns:
            return own
        return sorted([*own, *self._logged(returns)], key=lambda e: e.position)

    def stock_as_of(self, sku: str, at: datetime) -> list[StockAsOf]:
        """The SKU's stock at every node that held it at `at`, by node code.

        The newest event of every record and node comes in one query; the nodes' records
        are then folded side by side (each is a few queries of waiting).
        """
        at = utc(at)
        self.app.follower.catch_up()  # learn of stock records other processes opened
        codes = sorted(self.app.network.holders(sku))
        ids = [node_stock_id(c, sku) for c in codes]
        newest = self.stored.newest([*ids, *(node_id(c) for c in codes)])
        with ThreadPoolExecutor(min(len(codes), 8) or 1, "as-of") as threads:
            stocks = list(threads.map(lambda i: self._as_of(i, at, newest.get(i)), ids))
        found = []
        for code, stock in zip(codes, stocks, strict=True):
            if isinstance(stock, NodeStock):
                node = self._as_of(node_id(code), at, newest.get(node_id(code)))
                found.append(StockAsOf(stock, node if isinstance(node, InventoryNode) else None))
        return found

    def channel_rules_as_of(self, at: datetime) -> Mapping[Channel, ChannelRule]:
        """The channel rules of the sourcing rule set in force at `at`."""
        rule_set = self.as_of(RULE_SET_ID, at)
        if not isinstance(rule_set, SourcingRuleSet):
            return DEFAULT_CHANNEL_RULES
        return rule_set.rules.channels

    def as_of(self, aggregate_id: UUID, at: datetime) -> Any | None:
        """The aggregate folded from its events stamped at or before `at` (None: none were).

        A naive `at` is taken as UTC, as every event time is.
        """
        return self._as_of(
            aggregate_id, utc(at), self.stored.newest([aggregate_id]).get(aggregate_id)
        )

    def _as_of(self, aggregate_id: UUID, at: datetime, newest: StoredEvent | None) -> Any | None:
        if newest is None:
            return None
        if self._time(newest) <= at:  # as it is now: the cached copy if it is that version
            current = self.app.find(aggregate_id)
            if current is not None and current.version == newest.originator_version:
                return current
            return self.app.repository.get(aggregate_id, version=newest.originator_version)
        version = self._version_at(aggregate_id, at, newest.originator_version)
        return self.app.repository.get(aggregate_id, version=version) if version else None

    def _version_at(self, aggregate_id: UUID, at: datetime, newest: int) -> int:
        """The newest version stamped at or before `at` (0: none), below version `newest`
        (stamped after `at`).

        Event times grow with the version, so the version is searched for like a word in
        a dictionary: each query reads up to `PROBES` evenly spaced versions of the range
        left, which narrows it that many times (10,000 versions: three queries). The
        repository then folds that version from the nearest snapshot.
        """
        low, high = 0, newest  # time(low) <= at < time(high)
        while high - low > 1:
            step = max(1, (high - low) // PROBES)
            probes = list(range(low + step, high, step))[:PROBES]
            for stored in self.stored.at_versions(aggregate_id, probes):
                if self._time(stored) > at:
                    high = stored.originator_version
                    break
                low = stored.originator_version
        return low

    def _time(self, stored: StoredEvent) -> datetime:
        timestamp: datetime = self.app.mapper.to_domain_event(stored).timestamp  # type: ignore[attr-defined]
        return timestamp

    def _logged(self, ids: Iterable[UUID]) -> list[LoggedEvent]:
        decode = self.app.mapper.to_domain_event
        return [LoggedEvent(n.id, decode(n)) for n in self.stored.of_aggregates(list(ids))]
