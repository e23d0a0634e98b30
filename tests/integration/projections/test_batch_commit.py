"""A live batch's transaction: what it commits with, and what it leaves on its connection."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import psycopg
import pytest
from psycopg import Cursor
from psycopg_pool import ConnectionPool

from domain.customer import Customer
from interfaces.database import connection_pool
from projections import Envelope, Projection, ProjectionRunner, schemas
from projections.announce import CHANNEL
from projections.batch import run_batch
from projections.returns import ReturnsProjection
from projections.source import EventLog, Reader
from projections.stock import StockProjection
from tests.integration.projections.conftest import EventStore, Tables
from tests.integration.projections.test_stock import a_node


class SettingsSeen(Projection):
    """The stock projection, noting the settings each batch applies its events under."""

    def __init__(self) -> None:
        self.inner = StockProjection()
        self.name, self.topics = self.inner.name, self.inner.topics
        self.seen: list[tuple[str, str]] = []

    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        row = cur.execute(
            "SELECT current_setting('synchronous_commit'), current_setting('search_path')"
        ).fetchone()
        assert row is not None
        self.seen.append((row[0], row[1]))
        self.inner.apply(cur, envelopes)


def test_a_live_batch_commits_without_waiting_for_the_disk_with_its_schema_as_search_path(
    store: EventStore, pool: ConnectionPool, tables: Tables
) -> None:
    projection = SettingsSeen()
    store.record(a_node("DC-AMS"))
    ProjectionRunner(pool, store.recorder, store.mapper, [projection]).run_once()
    assert projection.seen == [("off", '"stock"')]
    assert tables.one("stock.nodes")["code"] == "DC-AMS"


def test_a_connection_a_batch_used_goes_back_to_the_pool_committing_durably_again(
    store: EventStore, database_url: str
) -> None:
    one = connection_pool(database_url, max_size=1)  # every batch and look-up on one connection
    try:
        store.record(a_node("DC-AMS"))
        ProjectionRunner(one, store.recorder, store.mapper, [SettingsSeen()]).run_once()
        with one.connection() as conn:
            row = conn.execute(
                "SELECT current_setting('synchronous_commit'), current_setting('search_path')"
            ).fetchone()
    finally:
        one.close()
    assert row == ("on", '"$user", public')


class Transactions:
    """Counts the transactions opened on the pool's connections."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.opened = 0
        transaction = psycopg.Connection.transaction

        def counted(conn: psycopg.Connection[Any], *args: Any, **kwargs: Any) -> Any:
            self.opened += 1
            return transaction(conn, *args, **kwargs)

        monkeypatch.setattr(psycopg.Connection, "transaction", counted)


def a_returns_reader(store: EventStore) -> Reader:
    return Reader(EventLog(store.recorder, store.mapper), ReturnsProjection.topics, 100)


def test_a_read_model_with_none_of_the_new_events_moves_without_a_transaction_and_tells(
    store: EventStore, pool: ConnectionPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    projection, reader = ReturnsProjection(), a_returns_reader(store)
    first = ProjectionRunner(pool, store.recorder, store.mapper, [projection])
    first.run_once()
    store.record(a_node("DC-AMS"))  # no event of a return
    head = store.recorder.max_notification_id()
    transactions = Transactions(monkeypatch)
    with pool.connection() as listening:
        listening.autocommit = True
        listening.execute(f"LISTEN {CHANNEL}")
        result = run_batch(pool, projection, reader, known=0)
        told = [n.payload for n in listening.notifies(timeout=1, stop_after=1)]
    assert (result.position, result.head, result.moved) == (head, head, True)
    assert transactions.opened == 0
    assert told == [f"returns:{head}"]
    assert [s.position for s in first.status()] == [head]


def test_a_read_model_with_nothing_new_after_it_opens_no_transaction(
    store: EventStore, pool: ConnectionPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.record(a_node("DC-AMS"))
    projection, reader = ReturnsProjection(), a_returns_reader(store)
    done = ProjectionRunner(pool, store.recorder, store.mapper, [projection])
    done.run_once()
    (status,) = done.status()
    transactions = Transactions(monkeypatch)
    result = run_batch(pool, projection, reader, known=status.position)
    assert (result.position, result.moved, transactions.opened) == (status.position, False, 0)


def test_a_position_moved_since_it_was_known_is_not_moved_back_nor_past_events(
    store: EventStore, pool: ConnectionPool, tables: Tables
) -> None:
    stock = StockProjection()
    runner = ProjectionRunner(pool, store.recorder, store.mapper, [stock])
    store.record(a_node("DC-AMS"))
    runner.run_once()  # another worker got here first
    store.record(a_node("DC-BER"))
    head = store.recorder.max_notification_id()
    reader = Reader(EventLog(store.recorder, store.mapper), stock.topics, 100)
    result = run_batch(pool, stock, reader, known=0)  # this one knew the start of the log
    assert (result.position, [e.position for e in result.envelopes]) == (head, [head])
    assert [r["code"] for r in tables.rows("stock.nodes")] == ["DC-AMS", "DC-BER"]


def test_a_read_model_whose_lock_is_held_is_not_moved_by_a_worker_that_knew_its_position(
    store: EventStore, pool: ConnectionPool
) -> None:
    projection, reader = ReturnsProjection(), a_returns_reader(store)
    runner = ProjectionRunner(pool, store.recorder, store.mapper, [projection])
    runner.run_once()
    store.record(a_node("DC-AMS"))
    with pool.connection() as holder, holder.transaction():
        schemas.lock(holder.cursor(), schemas.lock_key(projection), wait=True)
        result = run_batch(pool, projection, reader, known=0)
    assert (result.position, result.busy) == (0, True)


def test_a_read_model_behind_where_a_worker_knew_it_gets_the_events_it_lacks(
    store: EventStore, pool: ConnectionPool, tables: Tables
) -> None:
    """A crash lost a batch's commit, say: the stored position is behind the known one."""
    stock = StockProjection()
    ProjectionRunner(pool, store.recorder, store.mapper, [stock]).setup()
    store.record(a_node("DC-AMS"))
    known = store.recorder.max_notification_id()
    store.record(Customer.register("C-1", "Ada", "ada@example.com", Decimal("500.00"), 30))
    head = store.recorder.max_notification_id()
    reader = Reader(EventLog(store.recorder, store.mapper), stock.topics, 100)
    result = run_batch(pool, stock, reader, known=known)
    assert (result.position, [e.position for e in result.envelopes]) == (head, [known])
    assert [r["code"] for r in tables.rows("stock.nodes")] == ["DC-AMS"]


class Failing(Projection):
    name, topics = StockProjection.name, StockProjection.topics

    def ddl(self) -> str:
        return StockProjection().ddl()

    def apply(self, cur: Cursor[Any], envelopes: Sequence[Envelope]) -> None:
        raise RuntimeError("disk on fire")


def test_a_batch_that_fails_hands_its_connection_back_as_it_found_it(
    store: EventStore, database_url: str
) -> None:
    one = connection_pool(database_url, max_size=1)
    try:
        ProjectionRunner(one, store.recorder, store.mapper, [StockProjection()]).setup()
        store.record(a_node("DC-AMS"))
        reader = Reader(EventLog(store.recorder, store.mapper), Failing.topics, 100)
        with pytest.raises(RuntimeError, match="disk on fire"):
            run_batch(one, Failing(), reader, known=0)
        with one.connection() as conn:
            autocommit = conn.autocommit
            (position,) = conn.execute("SELECT position FROM stock.tracking").fetchone() or (None,)
    finally:
        one.close()
    assert (autocommit, position) == (False, 0)
