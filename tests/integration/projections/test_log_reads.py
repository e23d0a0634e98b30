"""A projection's read of the log: the head and the events after a position, in one statement."""

from __future__ import annotations

import pytest
from psycopg_pool import ConnectionPool

from domain.node_stock import NodeStock
from domain.order import Order
from projections import ProjectionRunner
from projections.log_reads import LogReads
from tests.integration.projections.conftest import EventStore, Tables
from tests.integration.projections.history import record_history

TOPICS = [Order.Placed.TOPIC, NodeStock.Received.TOPIC]


def test_an_empty_log_has_its_head_at_zero_and_no_events(store: EventStore) -> None:
    assert LogReads(store.recorder).after(0, 10, TOPICS) == (0, [])


@pytest.mark.parametrize(("start", "limit"), [(0, 1000), (0, 3), (5, 7), (40, 1000)])
def test_it_reads_what_the_head_and_a_read_up_to_it_give(
    store: EventStore, start: int, limit: int
) -> None:
    record_history(store, orders=5)
    head = store.recorder.max_notification_id()
    assert head is not None
    assert head > 40

    found = LogReads(store.recorder).after(start, limit, TOPICS)

    expected = store.recorder.select_notifications(
        start, limit, stop=head, topics=TOPICS, inclusive_of_start=False
    )
    assert found == (head, list(expected))
    assert {n.topic for n in found[1]} <= set(TOPICS)


def test_past_the_head_it_reads_no_events(store: EventStore) -> None:
    record_history(store, orders=2)
    head = store.recorder.max_notification_id()
    assert head is not None

    assert LogReads(store.recorder).after(head, 10, TOPICS) == (head, [])


def test_with_a_cursor_it_reads_on_that_connection_what_it_reads_on_the_event_stores(
    store: EventStore, pool: ConnectionPool
) -> None:
    record_history(store, orders=3)
    reads = LogReads(store.recorder)
    with pool.connection() as conn, conn.cursor() as cur:
        assert reads.after(3, 20, TOPICS, cur) == reads.after(3, 20, TOPICS)


def test_a_batch_reads_the_log_in_its_own_transaction_not_on_the_event_stores_connections(
    store: EventStore, pool: ConnectionPool, tables: Tables
) -> None:
    record_history(store, orders=3)
    head = store.recorder.max_notification_id()
    runner = ProjectionRunner(pool, store.recorder, store.mapper)
    runner.setup()
    store.recorder.datastore.pool.close()  # the event store's own connections are gone

    runner.run_once()

    positions = {r["position"] for r in tables.rows("order_tracking.tracking")}
    positions |= {r["position"] for r in tables.rows("stock.tracking")}
    assert positions == {head}
