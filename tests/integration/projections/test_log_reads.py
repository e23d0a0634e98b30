"""A projection's read of the log: the head and the events after a position, in one statement."""

from __future__ import annotations

import pytest

from domain.node_stock import NodeStock
from domain.order import Order
from projections.log_reads import LogReads
from tests.integration.projections.conftest import EventStore
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
