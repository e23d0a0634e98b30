"""The hash chain follows the log exactly once, in Python and in SQL alike, and seals itself."""

from __future__ import annotations

import threading
from datetime import timedelta

from psycopg_pool import ConnectionPool

from domain.node_stock import NodeStock
from projections.chain import GENESIS, catch_up, ensure_schema, events_table, extend, link
from projections.chain_check import chain_breaks
from projections.chain_keeper import ChainKeeper
from projections.seals import latest
from tests.integration.projections.conftest import EventStore
from tests.integration.projections.history import record_history


def links(pool: ConnectionPool) -> list[tuple[int, bytes]]:
    with pool.connection() as conn:
        rows = conn.execute("SELECT position, hash FROM audit.chain_links ORDER BY 1").fetchall()
    return [(int(p), bytes(h)) for p, h in rows]


def test_each_link_covers_the_previous_link_and_the_stored_event(
    store: EventStore, pool: ConnectionPool
) -> None:
    record_history(store, orders=3)
    with pool.connection() as conn:
        ensure_schema(conn)
        catch_up(conn, events_table(store.recorder), limit=7)
        stored = conn.execute(
            "SELECT notification_id, originator_id, originator_version, topic, state"
            " FROM oms_events ORDER BY notification_id"
        ).fetchall()

    prev, expected = GENESIS, []
    for position, originator_id, version, topic, state in stored:
        prev = link(prev, position, originator_id, version, topic, bytes(state))
        expected.append((position, prev))
    assert links(pool) == expected


def test_concurrent_chainers_link_every_event_exactly_once_and_sql_agrees(
    store: EventStore, pool: ConnectionPool
) -> None:
    record_history(store, orders=10)
    events = events_table(store.recorder)
    with pool.connection() as conn:
        ensure_schema(conn)

    def chain() -> None:
        with pool.connection() as conn:
            for _ in range(20):
                extend(conn, events, limit=5)

    threads = [threading.Thread(target=chain) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    chained = links(pool)
    with pool.connection() as conn:
        catch_up(conn, events)
        head = conn.execute("SELECT max(notification_id) FROM oms_events").fetchone()
        assert head is not None
        assert list(chain_breaks(conn, events, int(head[0]))) == []
    assert [p for p, _ in chained] == [p for p, _ in links(pool)][: len(chained)]
    assert len(links(pool)) == int(head[0])


def test_the_keeper_chains_new_events_and_seals_when_a_seal_is_due(
    store: EventStore, pool: ConnectionPool
) -> None:
    record_history(store, orders=2)
    keeper = ChainKeeper(pool, events_table(store.recorder), seal_every=timedelta(0))
    keeper.start()
    keeper.stop()
    while not keeper.step():
        pass
    with pool.connection() as conn:
        first = latest(conn)
        store.record(NodeStock.open("DC-9", "Z"))
        while not keeper.step():
            pass
        second = latest(conn)

    assert first is not None
    assert second is not None
    assert second.seal_id > first.seal_id
    assert (second.position, second.hash) == links(pool)[-1]
