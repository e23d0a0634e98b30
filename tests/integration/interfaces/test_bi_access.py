"""The `oms_bi` login over TCP on the embedded server: the `bi` views and nothing else."""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from typer.testing import CliRunner

from interfaces import embedded_access
from interfaces.bi_role import ensure_bi_role
from interfaces.cli import app
from interfaces.database import (
    embedded_server,
    stop_embedded_server,
    temporary_database,
)
from projections.bi import VIEWS
from projections.chain import ensure_schema
from tests.integration.interfaces.demo_database import load_demo

PASSWORD = "correct horse battery staple"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, int]]:
    """An embedded server of its own, listening on 127.0.0.1 too: (socket URI, TCP port)."""
    parent = Path(tempfile.mkdtemp(prefix="oms-bi-"))
    port = free_port()
    try:
        yield embedded_access.uri(embedded_server(parent / "data", tcp_port=port)), port
    finally:
        stop_embedded_server(parent / "data")
        shutil.rmtree(parent, ignore_errors=True)


@pytest.fixture(scope="module")
def database(server: tuple[str, int]) -> Iterator[str]:
    """A database with the demo data, its read models at the head and the `oms_bi` login."""
    with temporary_database(server[0], "bi") as url:
        load_demo(url)
        with psycopg.connect(url, autocommit=True) as conn:
            ensure_schema(conn)
            ensure_bi_role(conn, PASSWORD)
        yield url


def as_bi(server: tuple[str, int], database: str, password: str = PASSWORD) -> psycopg.Connection:
    dbname = psycopg.conninfo.conninfo_to_dict(database)["dbname"]
    return psycopg.connect(
        host="127.0.0.1",
        port=server[1],
        dbname=dbname,
        user="oms_bi",
        password=password,
        autocommit=True,
    )


def test_oms_bi_reads_every_bi_view_over_tcp_with_its_password(
    server: tuple[str, int], database: str
) -> None:
    with as_bi(server, database) as conn:
        counts = {v: conn.execute(f"SELECT count(*) FROM bi.{v}").fetchone() for v in VIEWS}
        ssl_or_plain = conn.info.host
    assert ssl_or_plain == "127.0.0.1"
    assert all(row is not None and row[0] > 0 for row in counts.values()), counts


@pytest.mark.parametrize(
    "statement",
    [
        "SELECT * FROM public.oms_events",
        "SELECT * FROM order_tracking.orders",
        "SELECT * FROM stock.stock_by_node",
        "SELECT * FROM audit.seals",
        "INSERT INTO public.oms_events (originator_id, originator_version)"
        " VALUES (gen_random_uuid(), 1)",
        "UPDATE order_tracking.orders SET total = 0",
        "DELETE FROM stock.stock_by_node",
        "UPDATE audit.chain_links SET hash = NULL",
        "CREATE TABLE bi.mine (x int)",
        "CREATE TABLE public.mine (x int)",
        "CREATE TEMP TABLE mine (x int)",
        "CREATE SCHEMA mine",
        "CREATE VIEW bi.mine AS SELECT 1",
    ],
)
def test_oms_bi_may_do_nothing_else(server: tuple[str, int], database: str, statement: str) -> None:
    with as_bi(server, database) as conn, pytest.raises(psycopg.errors.InsufficientPrivilege):
        conn.execute(statement.encode())


@pytest.mark.parametrize(
    "statement",
    [
        "INSERT INTO bi.orders (order_id) VALUES (gen_random_uuid())",
        "UPDATE bi.stock_positions SET on_hand = 0",
        "DELETE FROM bi.returns",
    ],
)
def test_the_bi_views_cannot_be_written(
    server: tuple[str, int], database: str, statement: str
) -> None:
    with as_bi(server, database) as conn, pytest.raises(psycopg.DatabaseError) as raised:
        conn.execute(statement.encode())
    # Views over several tables are not updatable, and only SELECT is granted anyway.
    assert raised.value.sqlstate in {"55000", "42501"}


def test_tcp_never_trusts_a_login_without_its_password(
    server: tuple[str, int], database: str
) -> None:
    dbname = psycopg.conninfo.conninfo_to_dict(database)["dbname"]
    for user, password in (("postgres", ""), ("postgres", "postgres"), ("oms_bi", "wrong")):
        with pytest.raises(psycopg.OperationalError, match="password"):
            psycopg.connect(
                host="127.0.0.1", port=server[1], dbname=dbname, user=user, password=password
            )


def test_the_socket_also_asks_oms_bi_for_its_password(database: str) -> None:
    with pytest.raises(psycopg.OperationalError, match="password"):
        psycopg.connect(database, user="oms_bi")


def test_the_views_survive_a_projection_rebuild_and_stay_readable(
    server: tuple[str, int], database: str
) -> None:
    rebuilt = CliRunner().invoke(app, ["projections", "rebuild"], env={"DATABASE_URL": database})
    assert rebuilt.exit_code == 0, rebuilt.output

    with as_bi(server, database) as conn:
        for view in VIEWS:
            row = conn.execute(f"SELECT count(*) FROM bi.{view}").fetchone()
            assert row is not None
            assert row[0] > 0, view
