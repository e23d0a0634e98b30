"""A live batch's transaction: what it commits with, and what it leaves on its connection."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from psycopg import Cursor
from psycopg_pool import ConnectionPool

from interfaces.database import connection_pool
from projections import Envelope, Projection, ProjectionRunner
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
