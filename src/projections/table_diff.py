"""Row-by-row comparison of two schemas holding the same tables (live and refolded)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from psycopg import Cursor, sql

SKIPPED = frozenset({"tracking"})  # bookkeeping, not read-model rows

_TABLES = """
    SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = %s AND c.relkind = 'r' ORDER BY c.relname
"""
_KEY = """
    SELECT a.attname FROM pg_index i
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
    WHERE i.indrelid = %s::regclass AND i.indisprimary
    ORDER BY array_position(i.indkey::int2[], a.attnum)
"""


@dataclass(frozen=True)
class Difference:
    table: str
    key: dict[str, Any]
    kind: str  # changed | missing (the fold has it, the live table not) | extra
    live: dict[str, Any] | None  # the differing columns (every column when missing/extra)
    refolded: dict[str, Any] | None

    def as_json(self) -> dict[str, Any]:
        return {
            "table": self.table,
            "key": self.key,
            "kind": self.kind,
            "live": self.live,
            "refolded": self.refolded,
        }

    def describe(self) -> str:
        key = ", ".join(f"{k}={v}" for k, v in self.key.items())
        if self.kind == "missing":
            return f"{self.table} ({key}): row missing from the live table"
        if self.kind == "extra":
            return f"{self.table} ({key}): live row that the log does not produce"
        assert self.live is not None
        assert self.refolded is not None
        columns = "; ".join(
            f"{c}: live {self.live[c]!r}, refolded {self.refolded[c]!r}" for c in self.live
        )
        return f"{self.table} ({key}): {columns}"


def compare_schemas(cur: Cursor[Any], live: str, refolded: str) -> list[Difference]:
    """Every row that differs between the same-named tables of `live` and `refolded`."""
    found: list[Difference] = []
    for (table,) in cur.execute(_TABLES, (live,)).fetchall():
        if table not in SKIPPED:
            found += compare_table(cur, live, refolded, table)
    return found


def compare_table(cur: Cursor[Any], live: str, refolded: str, table: str) -> list[Difference]:
    """Rows are matched on the primary key and compared as their text form."""
    qualified = sql.Identifier(live, table)
    key = [r[0] for r in cur.execute(_KEY, (qualified.as_string(cur),)).fetchall()]
    join = sql.SQL(" AND ").join(
        sql.SQL("l.{0} = r.{0}").format(sql.Identifier(column)) for column in key
    )
    query = sql.SQL(
        "SELECT to_jsonb(l), to_jsonb(r) FROM {} l FULL JOIN {} r ON {}"
        " WHERE l::text IS DISTINCT FROM r::text"
    ).format(qualified, sql.Identifier(refolded, table), join)
    differences = []
    for live_row, refolded_row in cur.execute(query).fetchall():
        either = live_row if live_row is not None else refolded_row
        row_key = {column: either[column] for column in key}
        if live_row is None:
            differences.append(Difference(table, row_key, "missing", None, refolded_row))
        elif refolded_row is None:
            differences.append(Difference(table, row_key, "extra", live_row, None))
        else:
            changed = [c for c in live_row if live_row[c] != refolded_row.get(c)]
            changed = changed or list(live_row)  # equal as JSON, not as stored text
            differences.append(
                Difference(
                    table,
                    row_key,
                    "changed",
                    {c: live_row[c] for c in changed},
                    {c: refolded_row.get(c) for c in changed},
                )
            )
    return sorted(differences, key=lambda d: str(sorted(d.key.items())))
