"""`oms export VIEW` writes files that read back equal to the view's rows."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import psycopg
import pyarrow.parquet as pq
import pytest
from psycopg.rows import dict_row
from typer.testing import CliRunner

from interfaces.cli import app
from interfaces.export import csv_text
from projections.bi import VIEWS
from tests.integration.interfaces.demo_database import load_demo


@pytest.fixture(scope="module")
def database(module_database_url: str) -> str:
    load_demo(module_database_url)
    return module_database_url


def view_rows(database: str, view: str) -> list[dict[str, Any]]:
    with psycopg.connect(database) as conn, conn.cursor(row_factory=dict_row) as cur:
        return cur.execute(f"SELECT * FROM bi.{view}".encode()).fetchall()


def export(database: str, view: str, fmt: str, out: Path) -> None:
    result = CliRunner().invoke(
        app, ["export", view, "--format", fmt, "--out", str(out)], env={"DATABASE_URL": database}
    )
    assert result.exit_code == 0, result.output
    assert f"rows of bi.{view} to {out}" in result.stdout


@pytest.mark.parametrize("view", VIEWS)
def test_csv_reads_back_equal_to_the_view(database: str, view: str, tmp_path: Path) -> None:
    out = tmp_path / f"{view}.csv"
    export(database, view, "csv", out)

    with out.open(newline="") as f:
        header, *cells = list(csv.reader(f))
    rows = view_rows(database, view)
    assert header == list(rows[0])
    assert sorted(cells) == sorted([csv_text(v) for v in r.values()] for r in rows)


@pytest.mark.parametrize("view", VIEWS)
def test_parquet_reads_back_equal_to_the_view_with_typed_columns(
    database: str, view: str, tmp_path: Path
) -> None:
    out = tmp_path / f"{view}.parquet"
    export(database, view, "parquet", out)

    table = pq.read_table(out)
    rows = view_rows(database, view)
    assert table.column_names == list(rows[0])
    expected = [{k: plain(v) for k, v in r.items()} for r in rows]
    assert sorted(table.to_pylist(), key=repr_key) == sorted(expected, key=repr_key)


def test_parquet_keeps_numbers_money_and_times_typed(database: str, tmp_path: Path) -> None:
    out = tmp_path / "orders.parquet"
    export(database, "orders", "parquet", out)

    schema = pq.read_schema(out)
    assert str(schema.field("total").type) == "decimal128(38, 2)"
    assert str(schema.field("placed_at").type) == "timestamp[us, tz=UTC]"
    assert str(schema.field("placed_day").type) == "date32[day]"
    assert str(schema.field("units").type) == "int32"


def test_an_unknown_view_is_a_usage_error(database: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        app,
        ["export", "oms_events", "--out", str(tmp_path / "x.csv")],
        env={"DATABASE_URL": database},
    )
    assert result.exit_code == 2


def plain(value: Any) -> Any:
    """A view value as Parquet gives it back: ids and documents as text."""
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, dict):
        return json.dumps(value, sort_keys=True)
    return value


def repr_key(row: dict[str, Any]) -> str:
    return repr(
        sorted(
            (
                k,
                str(v.normalize())
                if isinstance(v, Decimal)
                else str(v.timestamp() if isinstance(v, datetime) else v),
            )
            for k, v in row.items()
        )
    )
