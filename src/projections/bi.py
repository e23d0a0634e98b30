"""The `bi` schema: documented views over the read models, for BI tools (role `oms_bi`).

The views read the live read-model schemas, which a rebuild drops and swaps, so they are
recreated whole whenever that happens (`install` runs inside the swap's transaction) and
whenever the read models are set up. Readers never see the schema missing.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from psycopg import Cursor

SCHEMA = "bi"
ROLE = "oms_bi"
VIEWS = ("orders", "order_lines", "shipments", "stock_positions", "returns", "daily_kpis")
SOURCES = ("order_tracking", "stock", "returns")  # read-model schemas the views read


def install(cur: Cursor[Any]) -> bool:
    """(Re)create the views, granted to `oms_bi` if it exists; False if a source is missing."""
    cur.execute("SELECT pg_advisory_xact_lock(hashtext('oms.bi.views'))")
    present = cur.execute(
        "SELECT count(*) FROM pg_namespace WHERE nspname = ANY(%s)", (list(SOURCES),)
    ).fetchone()
    if not present or present[0] != len(SOURCES):
        return False
    cur.execute(resources.files("projections").joinpath("sql/bi.sql").read_text().encode())
    grant(cur)
    return True


def grant(cur: Cursor[Any]) -> None:
    """Let `oms_bi`, if it exists, read the views (if they exist); nothing else is granted."""
    found = cur.execute(
        "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = %s)"
        " AND EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = %s)",
        (ROLE, SCHEMA),
    ).fetchone()
    if found and found[0]:
        cur.execute(f"GRANT USAGE ON SCHEMA {SCHEMA} TO {ROLE}")
        cur.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO {ROLE}")
