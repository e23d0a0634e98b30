"""`oms audit verify|seal` against a real database, tampered with by plain SQL."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from typing import Any

import psycopg
import pytest
from psycopg_pool import ConnectionPool
from typer.testing import CliRunner

from application.oms import OMS
from interfaces.cli import app
from interfaces.database import connection_pool
from interfaces.verify_workers import ProcessRefolds
from projections import all_projections
from projections.model_check import SCRATCH_SUFFIX, Fill, Wanted, fold_into_scratch
from projections.source import EventLog
from projections.verify import OnProgress, Verification, verify
from tests.integration.interfaces.demo_database import load_demo


@pytest.fixture
def demo(postgres_env: dict[str, str], database_url: str) -> Iterator[OMS]:
    """The demo data, every read model at the head, the chain sealed at the head."""
    load_demo(database_url)
    oms = OMS(postgres_env)
    sealed = run(database_url, "seal", "--json")
    assert sealed["position"] == oms.head()
    yield oms
    oms.close()


def run(database_url: str, *args: str) -> Any:
    result = CliRunner().invoke(app, ["audit", *args], env={"DATABASE_URL": database_url})
    assert result.exit_code in (0, 1), result.output
    data = json.loads(result.stdout)
    if args[0] == "verify":
        assert data["ok"] == (result.exit_code == 0)
    return data


def sql(database_url: str, statement: str, *params: Any) -> None:
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute(statement.encode(), params)


def test_an_untouched_log_passes_and_says_how_far_it_is_chained(
    demo: OMS, database_url: str
) -> None:
    report = run(database_url, "verify", "--json")

    assert report["ok"] is True
    assert report["chain"]["chained_to"] == demo.head()
    assert [m["name"] for m in report["read_models"]] == [
        "stock",
        "order_tracking",
        "returns",
        "receivables",
    ]
    assert all(m["position"] == demo.head() and not m["differences"] for m in report["read_models"])


def test_changing_one_events_stored_bytes_is_named_at_its_position(
    demo: OMS, database_url: str
) -> None:
    sql(
        database_url,
        "UPDATE oms_events SET state = convert_to("
        " replace(convert_from(state, 'UTF8'), '\"id\":\"', '\"id\":\"Mallory '), 'UTF8')"
        " WHERE notification_id = (SELECT min(notification_id) FROM oms_events"
        " WHERE topic = 'oms:Order.Placed')",
    )
    position = first_position(database_url, "oms:Order.Placed")

    report = run(database_url, "verify", "--json")

    assert report["ok"] is False
    assert report["chain"]["first_break"]["position"] == position
    assert report["chain"]["first_break"]["kind"] == "changed"
    assert [b["position"] for b in report["chain"]["breaks"]] == [position]
    tracking = next(m for m in report["read_models"] if m["name"] == "order_tracking")
    orders = [d for d in tracking["differences"] if d["table"] == "orders"]
    # names are sealed (personal data): the customer's id, kept readable, was changed
    live, refolded = orders[0]["live"], orders[0]["refolded"]
    assert refolded["customer_id"] == f"Mallory {live['customer_id']}"


def test_deleting_one_event_is_named_at_its_position(demo: OMS, database_url: str) -> None:
    sql(database_url, "DELETE FROM oms_events WHERE notification_id = 100")

    report = run(database_url, "verify", "--json")

    assert report["chain"]["first_break"] == {
        "position": 100,
        "kind": "deleted",
        "detail": "stored event deleted (its link has no event)",
    }


def test_inserting_one_event_is_named_at_its_position(demo: OMS, database_url: str) -> None:
    gap = demo.head() + 1
    sql(database_url, "SELECT nextval(pg_get_serial_sequence('oms_events', 'notification_id'))")
    load_more(demo)
    run(database_url, "seal", "--json")
    sql(
        database_url,
        "INSERT INTO oms_events (originator_id, originator_version, topic, state, notification_id)"
        " SELECT gen_random_uuid(), 1, topic, state, %s FROM oms_events WHERE notification_id = 1",
        gap,
    )

    report = run(database_url, "verify", "--json")

    assert report["ok"] is False
    assert report["chain"]["first_break"]["position"] == gap
    assert report["chain"]["first_break"]["kind"] == "inserted"


def test_changing_one_read_model_row_is_listed_with_its_key_and_columns(
    demo: OMS, database_url: str
) -> None:
    sql(
        database_url,
        "UPDATE stock.stock_by_node SET on_hand = on_hand + 7"
        " WHERE (node_code, sku) = (SELECT node_code, sku FROM stock.stock_by_node"
        " ORDER BY 1, 2 LIMIT 1)",
    )

    report = run(database_url, "verify", "--json")

    assert report["ok"] is False
    assert report["chain"]["breaks"] == []
    stock = next(m for m in report["read_models"] if m["name"] == "stock")
    [difference] = stock["differences"]
    assert difference["table"] == "stock_by_node"
    assert difference["kind"] == "changed"
    assert set(difference["key"]) == {"node_code", "sku"}
    assert difference["live"]["on_hand"] == difference["refolded"]["on_hand"] + 7


def test_the_table_output_names_the_first_altered_position_and_each_differing_row(
    demo: OMS, database_url: str
) -> None:
    order_id = first_order(database_url)
    sql(database_url, "DELETE FROM oms_events WHERE notification_id = 42")
    sql(database_url, "UPDATE returns.returns SET refund_amount = 999.99")
    sql(database_url, "DELETE FROM order_tracking.orders WHERE order_id = %s", order_id)

    result = CliRunner().invoke(app, ["audit", "verify"], env={"DATABASE_URL": database_url})

    assert result.exit_code == 1
    assert "first altered position 42" in result.output
    assert (
        "refund_amount: live 999.99, refolded 12.5" in result.output
    )  # the demo refunds its return
    assert f"orders (order_id={order_id}): row missing from the live table" in result.output
    assert "stock: the log no longer folds" in result.output  # event 42 was a stock event


def test_seals_and_links_are_append_only(demo: OMS, database_url: str) -> None:
    for statement in (
        "UPDATE audit.seals SET position = 1",
        "DELETE FROM audit.seals",
        "TRUNCATE audit.seals",
        "UPDATE audit.chain_links SET hash = '\\x00'",
        "DELETE FROM audit.chain_links WHERE position = 1",
    ):
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="append-only"):
            sql(database_url, statement)


def first_position(database_url: str, topic: str) -> int:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT min(notification_id) FROM oms_events WHERE topic = %s", (topic,)
        ).fetchone()
    assert row is not None
    return int(row[0])


def load_more(oms: OMS) -> None:
    from application import commands as c

    oms.receive_stock("DC-NJ", c.ReceiveStock(sku="TSHIRT-BLK-M", quantity=5))


def first_order(database_url: str) -> str:
    with psycopg.connect(database_url) as conn:
        row = conn.execute("SELECT min(order_id::text) FROM order_tracking.orders").fetchone()
    assert row is not None
    return str(row[0])


def test_worker_processes_refold_every_read_model_and_report_their_progress(
    demo: OMS, database_url: str
) -> None:
    sql(database_url, "UPDATE returns.returns SET status = 'CLOSED'")
    progress: list[tuple[str, int, int]] = []
    pool = connection_pool(database_url, max_size=4)
    try:
        report = verify(
            pool,
            demo.recorder,
            demo.mapper,
            all_projections(),
            lambda stage, done, total: progress.append((stage, done, total)),
            ProcessRefolds(demo, database_url, workers=2),
        )
    finally:
        pool.close()

    assert [m.name for m in report.models] == ["stock", "order_tracking", "returns", "receivables"]
    assert [m.name for m in report.models if m.differences] == ["returns"]
    assert {d.table for d in report.models[2].differences} == {"returns"}
    finished = {stage for stage, done, total in progress if done == total}
    assert finished >= {"stock", "order_tracking", "returns", "receivables"}


class RecordingRefolds:
    """Folds in the checking threads, as `verify` does without refolds; records which
    folds it was asked for at once, and which of their scratch tables were logged then."""

    def __init__(self, demo: OMS, pool: ConnectionPool) -> None:
        self.log, self.pool = EventLog(demo.recorder, demo.mapper), pool
        self.asked: list[list[str]] = []
        self.logged: set[str] = set()

    @contextmanager
    def opened(self, on_progress: OnProgress | None) -> Iterator[Fill]:
        yield self.start

    def start(self, wanted: Sequence[Wanted]) -> list[Callable[[], None]]:
        self.asked.append([projection.name for projection, _ in wanted])
        with self.pool.connection() as conn:
            self.logged |= {
                row[0]
                for row in conn.execute(
                    "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n"
                    " ON n.oid = c.relnamespace WHERE n.nspname LIKE %s AND c.relkind = 'r'"
                    " AND c.relpersistence <> 'u'",
                    ("%" + SCRATCH_SUFFIX,),
                )
            }
        return [partial(fold_into_scratch, self.pool, self.log, p, stop) for p, stop in wanted]


def test_every_fold_is_asked_for_at_once_into_unlogged_scratch_tables(
    demo: OMS, database_url: str
) -> None:
    pool = connection_pool(database_url, max_size=4)
    try:
        refolds = RecordingRefolds(demo, pool)
        report = verify(pool, demo.recorder, demo.mapper, all_projections(), None, refolds)
    finally:
        pool.close()

    assert report.ok
    assert refolds.asked == [[p.name for p in all_projections()]]
    assert refolds.logged == set()


def verified(demo: OMS, database_url: str) -> Verification:
    """`verify` of every read model, folding in its own checking threads, on its own pool."""
    pool = connection_pool(database_url, max_size=4)
    try:
        return verify(pool, demo.recorder, demo.mapper, all_projections())
    finally:
        pool.close()


def test_live_tables_from_an_older_definition_are_named_not_listed_row_by_row(
    demo: OMS, database_url: str
) -> None:
    """`oms audit verify` rebuilds such tables first (the projector's set-up); called on its
    own, as the bench does, verify says what is wrong instead of listing every row."""
    sql(database_url, "COMMENT ON SCHEMA order_tracking IS 'oms read model, DDL 0123abcd'")
    report = verified(demo, database_url)

    assert not report.ok
    checks = {m.name: m for m in report.models}
    error = checks["order_tracking"].error or ""
    assert "older definition" in error
    assert "oms projections rebuild order_tracking" in error
    assert checks["order_tracking"].differences == []
    assert all(checks[name].ok for name in ("stock", "returns", "receivables"))


def test_a_read_model_without_live_tables_is_named_with_the_way_to_make_them(
    demo: OMS, database_url: str
) -> None:
    sql(database_url, "DROP SCHEMA returns CASCADE")
    report = verified(demo, database_url)

    checks = {m.name: m for m in report.models}
    assert "no live tables yet" in (checks["returns"].error or "")
    assert all(checks[name].ok for name in ("stock", "order_tracking", "receivables"))


def test_the_cli_rebuilds_live_tables_from_an_older_definition_before_it_verifies(
    demo: OMS, database_url: str
) -> None:
    sql(database_url, "COMMENT ON SCHEMA order_tracking IS 'oms read model, DDL 0123abcd'")

    report = run(database_url, "verify", "--json")

    assert report["ok"] is True
