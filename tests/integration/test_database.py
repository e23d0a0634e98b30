"""The database helpers against the embedded PostgreSQL."""

import shutil
import tempfile
import uuid
from pathlib import Path

import psycopg

from application.settings import Settings
from interfaces.database import (
    connection_pool,
    create_database,
    database_url_with_name,
    resolve_database_url,
    stop_embedded_server,
)


def test_the_embedded_server_answers_queries(postgres_server_url: str) -> None:
    with psycopg.connect(postgres_server_url) as conn:
        assert conn.execute("select 1").fetchone() == (1,)


def test_each_test_gets_its_own_empty_database(connection: psycopg.Connection) -> None:
    tables = connection.execute(
        "select count(*) from information_schema.tables where table_schema = 'public'"
    ).fetchone()

    assert tables == (0,)


def test_created_databases_are_isolated_from_each_other(postgres_server_url: str) -> None:
    suffix = uuid.uuid4().hex[:8]
    first = create_database(postgres_server_url, f"iso_a_{suffix}")
    second = create_database(postgres_server_url, f"iso_b_{suffix}")

    with psycopg.connect(first, autocommit=True) as conn:
        conn.execute("create table marker (id int)")
    with psycopg.connect(second) as conn:
        found = conn.execute("select to_regclass('public.marker')").fetchone()

    assert found == (None,)


def test_creating_an_existing_database_returns_the_same_url(postgres_server_url: str) -> None:
    name = f"again_{uuid.uuid4().hex[:8]}"

    assert create_database(postgres_server_url, name) == create_database(postgres_server_url, name)


def test_a_database_url_can_point_at_another_database() -> None:
    socket = "postgresql://postgres:@/postgres?host=/tmp/pg"
    network = "postgresql://u:p@db:5432/postgres?sslmode=require"

    assert database_url_with_name(socket, "oms") == "postgresql://postgres:@/oms?host=/tmp/pg"
    assert database_url_with_name(network, "oms") == "postgresql://u:p@db:5432/oms?sslmode=require"


def test_the_connection_pool_gives_plain_tuple_rows(database_url: str) -> None:
    pool = connection_pool(database_url, max_size=2)
    try:
        with pool.connection() as conn:
            assert conn.execute("select 1, 'a'").fetchone() == (1, "a")
    finally:
        pool.close()


def test_database_url_wins_over_the_embedded_server() -> None:
    settings = Settings(database_url="postgresql://u:p@db/oms")

    assert resolve_database_url(settings) == "postgresql://u:p@db/oms"


def test_without_database_url_the_embedded_server_starts_in_the_data_dir() -> None:
    data_dir = Path(tempfile.mkdtemp(prefix="oms-dd-")) / "data"
    try:
        url = resolve_database_url(Settings(database_url=None, data_dir=data_dir))
        with psycopg.connect(url) as conn:
            assert conn.execute("select 1").fetchone() == (1,)
        assert (data_dir / "PG_VERSION").exists()
    finally:
        stop_embedded_server(data_dir)
        shutil.rmtree(data_dir.parent, ignore_errors=True)
