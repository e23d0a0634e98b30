"""`oms export VIEW`: one `bi` view streamed to CSV or Parquet.

Rows come through a server-side cursor in batches, and each batch is written before the
next is fetched, so memory stays flat however large the view. Parquet columns get Arrow
types from the PostgreSQL column types (integers, decimals with their scale, dates,
timestamps in UTC, booleans, lists); ids, text and JSON are strings.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

import pyarrow as pa
import pyarrow.parquet as pq
from psycopg import Column, Connection, sql

from projections import bi

FORMATS = ("csv", "parquet")
BATCH_ROWS = 20_000

# PostgreSQL type oid -> Arrow type (numeric is handled apart: it carries its scale).
_ARROW = {
    16: pa.bool_(),
    20: pa.int64(),
    21: pa.int16(),
    23: pa.int32(),
    700: pa.float32(),
    701: pa.float64(),
    1082: pa.date32(),
    1114: pa.timestamp("us"),
    1184: pa.timestamp("us", tz="UTC"),
    1009: pa.list_(pa.string()),  # text[]
}
_NUMERIC = 1700
_UNBOUNDED_NUMERIC = pa.decimal128(38, 10)  # computed columns (sums, rounded rates)


class Writer(Protocol):
    def write(self, rows: Sequence[tuple[Any, ...]]) -> None: ...
    def close(self) -> None: ...


def export_view(
    conn: Connection[Any],
    view: str,
    fmt: str,
    out: Path,
    on_progress: Callable[[int, int], None] | None = None,
) -> int:
    """Write every row of `bi.<view>` to `out`; returns the number of rows."""
    if view not in bi.VIEWS:
        raise ValueError(f"no view {view!r} (known: {', '.join(bi.VIEWS)})")
    if fmt not in FORMATS:
        raise ValueError(f"no format {fmt!r} (known: {', '.join(FORMATS)})")
    source = sql.Identifier(bi.SCHEMA, view)
    written = 0
    with conn.transaction():
        row = conn.execute(sql.SQL("SELECT count(*) FROM {}").format(source)).fetchone()
        total = int(row[0]) if row else 0
        with conn.cursor(name=f"oms_export_{view}") as cur:
            cur.execute(sql.SQL("SELECT * FROM {}").format(source))
            writer = _writer(fmt, out, cur.description or [])
            try:
                while rows := cur.fetchmany(BATCH_ROWS):
                    writer.write(rows)
                    written += len(rows)
                    if on_progress is not None:
                        on_progress(written, total)
            finally:
                writer.close()
    if on_progress is not None:
        on_progress(written, max(total, written))
    return written


def _writer(fmt: str, out: Path, columns: Sequence[Column]) -> Writer:
    return CsvWriter(out, columns) if fmt == "csv" else ParquetWriter(out, columns)


def csv_text(value: Any) -> str:
    """A value as a CSV cell: empty for null, ISO 8601 times, JSON for documents."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, sort_keys=True, default=str)
    return str(value)


class CsvWriter:
    def __init__(self, out: Path, columns: Sequence[Column]) -> None:
        self.file = out.open("w", newline="", encoding="utf-8")
        self.csv = csv.writer(self.file)
        self.csv.writerow([c.name for c in columns])

    def write(self, rows: Sequence[tuple[Any, ...]]) -> None:
        self.csv.writerows([csv_text(v) for v in row] for row in rows)

    def close(self) -> None:
        self.file.close()


def arrow_type(column: Column) -> pa.DataType:
    if column.type_code == _NUMERIC:
        if column.precision is not None and column.scale is not None:
            return pa.decimal128(column.precision, column.scale)
        return _UNBOUNDED_NUMERIC
    return _ARROW.get(column.type_code, pa.string())


class ParquetWriter:
    def __init__(self, out: Path, columns: Sequence[Column]) -> None:
        self.schema = pa.schema([pa.field(c.name, arrow_type(c)) for c in columns])
        self.writer = pq.ParquetWriter(out, self.schema)

    def write(self, rows: Sequence[tuple[Any, ...]]) -> None:
        arrays = [
            pa.array(_arrow_values(values, field.type), type=field.type)
            for values, field in zip(zip(*rows, strict=True), self.schema, strict=True)
        ]
        self.writer.write_table(pa.Table.from_arrays(arrays, schema=self.schema))

    def close(self) -> None:
        self.writer.close()


def _arrow_values(values: Sequence[Any], kind: pa.DataType) -> Sequence[Any]:
    if pa.types.is_string(kind):
        return [None if v is None else csv_text(v) for v in values]
    return values
