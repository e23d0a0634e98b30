"""Bulk reads and writes of plain rows (dicts keyed by column name)."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Any

import orjson
from psycopg import Cursor, DataError, sql
from psycopg.rows import dict_row
from psycopg.types.json import Jsonb

Row = dict[str, Any]


def fetch(cur: Cursor[Any], table: str, column: str, keys: Collection[Any]) -> list[Row]:
    """Every row of `table` whose `column` is one of `keys`, in one query."""
    if not keys:
        return []
    with cur.connection.cursor(row_factory=dict_row) as dcur:
        return dcur.execute(_select(table, column), (list(keys),)).fetchall()


def query(cur: Cursor[Any], statement: str, params: Sequence[Any]) -> list[Row]:
    """Rows of an arbitrary SELECT, as dicts."""
    with cur.connection.cursor(row_factory=dict_row) as dcur:
        return dcur.execute(statement.encode(), params).fetchall()


def upsert(cur: Cursor[Any], table: str, key: Sequence[str], rows: Iterable[Row]) -> None:
    """Insert or update `rows` (all with the same columns, unique keys): one statement.

    The rows travel as one JSON array that `jsonb_populate_recordset` turns into rows of
    the table's own type (each value through its column's input function), so a batch
    costs one round trip and one statement whatever its size, never one per row.
    """
    rows = list(rows)
    if not rows:
        return
    columns = list(rows[0])
    cur.execute(_upsert(table, tuple(key), tuple(columns)), (_json_rows(rows, columns),))


def insert(cur: Cursor[Any], table: str, rows: Iterable[Row]) -> None:
    """Append `rows` (all with the same columns, new keys) with COPY: cheaper than `upsert`
    for both sides. Refuses text holding NUL as `upsert` does."""
    rows = list(rows)
    if not rows:
        return
    columns = tuple(rows[0])
    _column_types(cur, table)  # known from here on, for `_copy_plan`
    copy_plan = _copy_plan(table, columns)
    with cur.copy(copy_plan.statement) as copy:
        copy.set_types(copy_plan.types)
        for values in _values(rows, copy_plan):
            copy.write_row(values)


def delete(
    cur: Cursor[Any], table: str, key: Sequence[str], keys: Iterable[tuple[Any, ...]]
) -> None:
    """Delete the rows whose `key` columns equal one of `keys`: one statement."""
    keys = list(keys)
    if not keys:
        return
    rows = [dict(zip(key, k, strict=True)) for k in keys]
    cur.execute(_delete(table, tuple(key)), (_json_rows(rows, key),))


# Each statement is composed once per table and columns, and kept as the text psycopg
# sends (composing and rendering it again for every batch was a good part of the cost).


@cache
def _select(table: str, column: str) -> bytes:
    return _rendered(
        sql.SQL("SELECT * FROM {} WHERE {} = ANY(%s)").format(
            sql.Identifier(table), sql.Identifier(column)
        )
    )


@cache
def _upsert(table: str, key: tuple[str, ...], columns: tuple[str, ...]) -> bytes:
    names = _names(columns)
    others = [c for c in columns if c not in key]
    on_conflict = sql.SQL(" ON CONFLICT ({}) DO {}").format(
        _names(key),
        sql.SQL("UPDATE SET {}").format(
            sql.SQL(", ").join(
                sql.SQL("{0} = EXCLUDED.{0}").format(sql.Identifier(c)) for c in others
            )
        )
        if others
        else sql.SQL("NOTHING"),
    )
    statement = sql.SQL("INSERT INTO {} ({}) SELECT {} FROM {}").format(
        sql.Identifier(table), names, names, _recordset(table)
    )
    return _rendered(statement + on_conflict)


@cache
def _copy(table: str, columns: tuple[str, ...]) -> bytes:
    return _rendered(
        sql.SQL("COPY {} ({}) FROM STDIN (FORMAT BINARY)").format(
            sql.Identifier(table), _names(columns)
        )
    )


@cache
def _delete(table: str, key: tuple[str, ...]) -> bytes:
    return _rendered(
        sql.SQL("DELETE FROM {} WHERE ({}) IN (SELECT {} FROM {})").format(
            sql.Identifier(table), _names(key), _names(key), _recordset(table)
        )
    )


def _names(columns: Sequence[str]) -> sql.Composable:
    return sql.SQL(", ").join(map(sql.Identifier, columns))


def _recordset(table: str) -> sql.Composable:
    """`jsonb_populate_recordset` of the parameter into rows shaped like `table`."""
    return sql.SQL("jsonb_populate_recordset(NULL::{}, %s::jsonb)").format(sql.Identifier(table))


def _rendered(statement: sql.Composable) -> bytes:
    return statement.as_string().encode()


def _json_rows(rows: list[Row], columns: Sequence[str]) -> Jsonb:
    """The rows' `columns` as one JSON array of objects (a row holding just those columns
    is encoded as it is, not copied).

    A text value holding NUL is refused here, with the error psycopg gives when it adapts
    such a value as a parameter: PostgreSQL text cannot hold it, and in JSON it would fail
    later with a vaguer one. JSON writes NUL as the escape `\\u0000`, so only rows whose
    encoding holds that text (NUL, or a backslash before `u0000`) are looked at value by
    value.
    """
    wanted = set(columns)
    found = [row if row.keys() == wanted else {c: row[c] for c in columns} for row in rows]
    encoded = _dumps(found)
    if _NUL_ESCAPE in encoded:
        for row in found:
            _refuse_nul(row.values())
    return Jsonb(found, dumps=lambda _: encoded)


_NUL_ESCAPE = b"\\u0000"


_JSON_TYPES = frozenset({114, 3802})  # json, jsonb
# Types whose columns are never handed text (bool, int2/4/8, float4/8, numeric, date, time,
# timestamp(tz), uuid, json, jsonb, their arrays): a copied value of any other (text,
# varchar, an enum, ...) is checked for NUL.
_NOT_TEXT = frozenset(
    {16, 20, 21, 23, 700, 701, 1700, 1082, 1083, 1114, 1184, 2950, 114, 3802}
    | {1000, 1016, 1005, 1007, 1021, 1022, 1231, 1182, 1183, 1115, 1185, 2951, 199, 3807}
)


# Column type oids by table name; every schema (live, shadow, staging) has the same DDL.
_TYPES: dict[str, dict[str, int]] = {}


def _column_types(cur: Cursor[Any], table: str) -> dict[str, int]:
    if table not in _TYPES:
        found = cur.execute(
            "SELECT attname, atttypid FROM pg_attribute"
            " WHERE attrelid = to_regclass(%s) AND attnum > 0 AND NOT attisdropped",
            (table,),
        ).fetchall()
        _TYPES[table] = {name: int(oid) for name, oid in found}
    return _TYPES[table]


@dataclass(frozen=True)
class _CopyPlan:
    """How rows of some columns of a table are copied in, worked out once."""

    statement: bytes
    get: Callable[[Row], Any]  # a row's values in column order (a tuple: several columns)
    types: list[int]
    texts: tuple[int, ...]  # the columns that may be given text (NUL refused)
    jsons: tuple[int, ...]  # the json columns (values wrapped for psycopg)


@cache
def _copy_plan(table: str, columns: tuple[str, ...]) -> _CopyPlan:
    """The plan for `columns` of `table`, whose types `_column_types` has read."""
    types = _TYPES[table]
    oids = [types[c] for c in columns]
    return _CopyPlan(
        _copy(table, columns),
        itemgetter(*columns) if len(columns) > 1 else lambda row: (row[columns[0]],),
        oids,
        tuple(i for i, oid in enumerate(oids) if oid not in _NOT_TEXT),
        tuple(i for i, oid in enumerate(oids) if oid in _JSON_TYPES),
    )


def _values(rows: list[Row], plan: _CopyPlan) -> Iterator[Sequence[Any]]:
    """Each row's values in column order, those of json columns wrapped for psycopg."""
    get, texts, jsons = plan.get, plan.texts, plan.jsons
    for row in rows:
        values = get(row)
        for i in texts:
            value = values[i]
            if isinstance(value, str) and "\x00" in value:
                _refuse_nul((value,))
        if jsons:
            values = list(values)
            for i in jsons:
                if values[i] is not None:
                    values[i] = Jsonb(values[i], dumps=_dumps)
        yield values


def _refuse_nul(values: Iterable[Any]) -> None:
    """PostgreSQL text cannot hold NUL: refused here with the error psycopg gives for such
    a parameter (the server's own errors on it are vaguer)."""
    for value in values:
        if isinstance(value, str) and "\x00" in value:
            raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")


def _dumps(value: Any) -> bytes:
    """JSON for a jsonb column: orjson, with datetimes and other types as their str()."""
    return orjson.dumps(value, default=str, option=_JSON_OPTIONS)


_JSON_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME
