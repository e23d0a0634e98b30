"""Reading the event store for auditors: an order's stored history, aggregates as of an instant.

These reads go to the event store by design (not to the read models): what they show is
what was recorded, with its log position and actor.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import Notification
from psycopg.sql import SQL, Identifier

from application.logged_event import LoggedEvent
from domain.inventory_node import InventoryNode, NodeStock
from domain.order import Order
from domain.values import node_id, node_stock_id

if TYPE_CHECKING:
    from application.base import OMSBase

_BY_ORIGINATORS = SQL(
    "SELECT notification_id, originator_id, originator_version, topic, state "
    "FROM {schema}.{table} WHERE originator_id = ANY(%s) ORDER BY notification_id"
)


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
        """The SKU's stock at every node that held it at `at`, by node code."""
        self.app.follower.catch_up()  # learn of stock records other processes opened
        found = []
        for code in sorted(self.app.network.holders(sku)):
            stock = self.as_of(node_stock_id(code, sku), at)
            if isinstance(stock, NodeStock):
                node = self.as_of(node_id(code), at)
                found.append(StockAsOf(stock, node if isinstance(node, InventoryNode) else None))
        return found

    def as_of(self, aggregate_id: UUID, at: datetime) -> Any | None:
        """The aggregate folded from its events stamped at or before `at` (None: none were).

        A naive `at` is taken as UTC, as every event time is.

        The version is found by bisecting the aggregate's event times (they grow with the
        version), then the repository folds it from the nearest snapshot.
        """
        version = self._version_at(aggregate_id, utc(at))
        if version == 0:
            return None
        return self.app.repository.get(aggregate_id, version=version)

    def _version_at(self, aggregate_id: UUID, at: datetime) -> int:
        newest = self._event(aggregate_id, None)
        if newest is None:
            return 0
        if newest.timestamp <= at:
            return int(newest.originator_version)
        low, high = 0, int(newest.originator_version)  # invariant: time(low) <= at < time(high)
        while high - low > 1:
            middle = (low + high) // 2
            event = self._event(aggregate_id, middle)
            if event is not None and event.timestamp <= at:
                low = middle
            else:
                high = middle
        return low

    def _event(self, aggregate_id: UUID, version: int | None) -> Any | None:
        """The event at `version` (None: the newest)."""
        stored = self.app.recorder.select_events(
            aggregate_id,
            gt=None if version is None else version - 1,
            lte=version,
            desc=version is None,
            limit=1,
        )
        return self.app.mapper.to_domain_event(stored[0]) if stored else None

    def _logged(self, ids: Iterable[UUID]) -> list[LoggedEvent]:
        decode = self.app.mapper.to_domain_event
        return [LoggedEvent(n.id, decode(n)) for n in self._notifications(list(ids))]

    def _notifications(self, ids: Sequence[UUID]) -> list[Notification]:
        datastore = getattr(self.app.recorder, "datastore", None)
        if datastore is None:  # the in-memory store of the tests: scan its log
            wanted = set(ids)
            return [
                n
                for n in self.app.recorder.select_notifications(1, sys.maxsize)
                if n.originator_id in wanted
            ]
        query = _BY_ORIGINATORS.format(
            schema=Identifier(datastore.schema),
            table=Identifier(self.app.recorder.events_table_name),  # type: ignore[attr-defined]
        )
        with datastore.transaction(commit=False) as cursor:
            cursor.execute(query, (list(ids),))
            rows = cursor.fetchall()
        return [
            Notification(
                id=row["notification_id"],
                originator_id=row["originator_id"],
                originator_version=row["originator_version"],
                topic=row["topic"],
                state=bytes(row["state"]),
            )
            for row in rows
        ]
