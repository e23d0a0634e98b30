"""Read-model writes are set-based: a batch of rows is one statement, whatever its size."""

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

import psycopg
import pytest
from psycopg import Cursor

from projections import rows

TABLE = """CREATE TABLE sample (
    code text, n integer, id uuid, amount numeric(38,2), at timestamptz, tags text[],
    detail jsonb, active boolean, lat double precision, PRIMARY KEY (code, n))"""


class CountingCursor(Cursor[Any]):
    """A cursor that counts the statements it sends (executemany counts each row)."""

    sent = 0

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        CountingCursor.sent += 1
        return super().execute(*args, **kwargs)

    def executemany(self, query: Any, params_seq: Any, **kwargs: Any) -> Any:
        params_seq = list(params_seq)
        CountingCursor.sent += len(params_seq)
        return super().executemany(query, params_seq, **kwargs)


@pytest.fixture
def cur(connection: psycopg.Connection[Any]) -> Iterator[Cursor[Any]]:
    connection.execute(TABLE)
    connection.cursor_factory = CountingCursor
    with connection.cursor() as cursor:
        CountingCursor.sent = 0
        yield cursor


def sample(i: int, n: int = 0) -> dict[str, Any]:
    return {
        "code": f"C{i:03d}",
        "n": n,
        "id": uuid4(),
        "amount": Decimal("12345678901234567890.25") + i,
        "at": datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC) + timedelta(hours=i),
        "tags": ["SHIP", "PICKUP"][: i % 3],
        "detail": {"lines": [{"sku": "TEE", "qty": i}], "note": None},
        "active": i % 2 == 0,
        "lat": 40.712776 + i / 7,
    }


def stored(cur: Cursor[Any]) -> list[dict[str, Any]]:
    return rows.query(cur, "SELECT * FROM sample ORDER BY code, n", ())


@pytest.mark.parametrize("count", [1, 40, 300])
def test_upserting_any_number_of_rows_sends_one_statement_and_keeps_every_value(
    cur: Cursor[Any], count: int
) -> None:
    written = [sample(i) for i in range(count)]
    rows.upsert(cur, "sample", ["code", "n"], written)
    assert CountingCursor.sent == 1
    assert stored(cur) == written


def test_upserting_rows_that_exist_updates_them_in_the_same_one_statement(
    cur: Cursor[Any],
) -> None:
    rows.upsert(cur, "sample", ["code", "n"], [sample(i) for i in range(50)])
    changed = [{**sample(i), "amount": Decimal("1.50"), "tags": []} for i in range(25, 75)]
    CountingCursor.sent = 0
    rows.upsert(cur, "sample", ["code", "n"], changed)
    assert CountingCursor.sent == 1
    found = stored(cur)
    assert len(found) == 75
    assert found[25:] == changed


def test_deleting_many_keys_sends_one_statement(cur: Cursor[Any]) -> None:
    rows.upsert(cur, "sample", ["code", "n"], [sample(i, n) for i in range(30) for n in (0, 1)])
    CountingCursor.sent = 0
    rows.delete(cur, "sample", ["code", "n"], [(f"C{i:03d}", 1) for i in range(30)])
    assert CountingCursor.sent == 1
    assert {(r["code"], r["n"]) for r in stored(cur)} == {(f"C{i:03d}", 0) for i in range(30)}


def test_upserting_text_holding_nul_is_refused_before_it_reaches_the_database(
    cur: Cursor[Any],
) -> None:
    with pytest.raises(psycopg.DataError, match="NUL"):
        rows.upsert(cur, "sample", ["code", "n"], [sample(1), {**sample(2), "code": "C\x00"}])
    assert CountingCursor.sent == 0


def test_upserting_text_holding_a_backslash_before_u0000_keeps_it_as_written(
    cur: Cursor[Any],
) -> None:
    """JSON writes NUL as that very escape: such text must not be taken for NUL."""
    written = [{**sample(1), "code": "C\\u0000", "tags": ["\\u0000"]}]
    rows.upsert(cur, "sample", ["code", "n"], written)
    assert stored(cur) == written


def test_upserting_rows_with_other_keys_writes_only_the_first_rows_columns(
    cur: Cursor[Any],
) -> None:
    first, second = sample(1), sample(2)
    rows.upsert(cur, "sample", ["code", "n"], [first, {**second, "extra": "not a column"}])
    assert stored(cur) == [first, second]


@pytest.mark.parametrize("count", [1, 40])
def test_inserting_rows_copies_every_value_as_upserting_stores_it(
    cur: Cursor[Any], count: int
) -> None:
    written = [sample(i) for i in range(count)]
    rows.insert(cur, "sample", written)
    assert stored(cur) == written


def test_inserting_a_single_column_copies_it(cur: Cursor[Any]) -> None:
    cur.execute("CREATE TABLE codes (code text PRIMARY KEY)")
    rows.insert(cur, "codes", [{"code": "ALPHA"}, {"code": "BETA"}])
    assert rows.query(cur, "SELECT code FROM codes ORDER BY code", ()) == [
        {"code": "ALPHA"},
        {"code": "BETA"},
    ]


def test_inserting_text_holding_nul_is_refused_with_psycopgs_error(cur: Cursor[Any]) -> None:
    with pytest.raises(psycopg.DataError, match="NUL"):
        rows.insert(cur, "sample", [sample(0), {**sample(1), "code": "C\x00"}])
