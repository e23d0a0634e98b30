"""A very long event log (a million events) written in minutes, for the scale figures.

First a realistic log of `BASE_EVENTS` (nodes, stock, orders placed and delivered, as
`long_log.build_log` makes them, stamped with an actor and mapped by the application's
own mapper), then copies of its orders' events under new order ids until the log is long
enough. Everything is written with COPY under the library's table lock, thousands of
events per transaction. The library loads every one of them like any other event.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import cast

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import StoredEvent
from psycopg import Copy, sql

from application.actor import stamp
from application.oms import OMS
from application.persistence import Recorder
from domain.order import Order
from interfaces.bench.long_log import build_log

BASE_EVENTS = 20_000
ORDERS_PER_COPY = 500  # about 4,000 events per transaction
COPIED_PER_TRANSACTION = 20_000


class BulkLog:
    """Grows the log of an application: a generated base first, then copies of its orders."""

    def __init__(self, app: OMS) -> None:
        self.app = app
        self.recorder = cast(Recorder, app.recorder)
        table = sql.Identifier(self.recorder.datastore.schema, self.recorder.events_table_name)
        self.lock = sql.SQL("LOCK TABLE {} IN EXCLUSIVE MODE").format(table)
        self.copy = sql.SQL(
            "COPY {} (originator_id, originator_version, topic, state) FROM STDIN (FORMAT BINARY)"
        ).format(table)
        self.orders: dict[uuid.UUID, list[StoredEvent]] = defaultdict(list)

    @contextmanager
    def rows(self) -> Iterator[Copy]:
        with self.recorder.datastore.transaction(commit=True) as cur:
            cur.execute(self.lock)
            with cur.copy(self.copy) as copy:
                copy.set_types(["uuid", "int8", "text", "bytea"])
                yield copy

    def save(self, aggregates: list[Aggregate]) -> int:
        pending = [event for aggregate in aggregates for event in aggregate.collect_events()]
        stamp(pending, command=None)
        stored = [self.app.mapper.to_stored_event(event) for event in pending]
        with self.rows() as copy:
            for event, s in zip(pending, stored, strict=True):
                copy.write_row((s.originator_id, s.originator_version, s.topic, s.state))
                if isinstance(event, Order.Event):
                    self.orders[event.originator_id].append(s)
        return len(stored)

    def copies(self, events: int) -> int:
        """At least `events` events: the base's orders again, each under a new id."""
        templates = list(self.orders.values())
        written = 0
        while written < events:
            with self.rows() as copy:
                batch = 0
                while batch < COPIED_PER_TRANSACTION:
                    for template in templates:
                        order_id = uuid.uuid4()
                        for s in template:
                            copy.write_row((order_id, s.originator_version, s.topic, s.state))
                        batch += len(template)
                        if batch >= COPIED_PER_TRANSACTION:
                            break
            written += batch
        return written

    def grow(self, events: int) -> int:
        """At least `events` more events; returns how many."""
        base = 0
        if not self.orders:
            base = build_log(
                self.app, min(events, BASE_EVENTS), save=self.save, orders_per_save=ORDERS_PER_COPY
            )
        return base + (self.copies(events - base) if events > base else 0)


def bulk_log(app: OMS, events: int) -> int:
    """At least `events` more events in the log of `app`; returns how many."""
    return BulkLog(app).grow(events)
