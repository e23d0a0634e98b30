"""Tamper evidence and BI export: chaining, `verify` and `oms export` over a long log.

Figures: chaining the log from zero (what the chain keeper does as it grows), checking
every link (the chain part of `oms audit verify`, beside a plain scan of the stored
events in the same run), the whole `verify` (chain plus refolding and comparing every
read model), and exporting a BI view to CSV and Parquet (rows/s, and the process's peak
resident memory above what it used before, sampled while exporting).
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import TypeVar

import psutil
import psycopg
from psycopg import sql

from application.oms import OMS
from interfaces.bench.long_log import build_log
from interfaces.bench.report import Figure
from interfaces.database import connection_pool
from interfaces.export import export_view
from interfaces.verify_workers import ProcessRefolds
from projections import ProjectionRunner, all_projections
from projections.chain import catch_up, ensure_schema, events_table
from projections.chain_check import chain_breaks
from projections.verify import verify

SECTION = "audit"
T = TypeVar("T")


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    build_log(oms, max(2_000, int(200_000 * scale)))
    events = oms.head()
    table = events_table(oms.recorder)
    figures: list[Figure] = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        ensure_schema(conn)
        chained, took = _timed(lambda: catch_up(conn, table))
        figures.append(Figure(SECTION, f"chain {chained:,} events", chained / took, "events/s"))
        stored = sql.SQL("SELECT sum(length(state)) FROM {}").format(table)
        scan = _timed(lambda: conn.execute(stored).fetchone())[1]
        breaks, took = _timed(lambda: list(chain_breaks(conn, table, events)))
        assert not breaks, breaks
        figures.append(
            Figure(
                SECTION,
                f"verify chain over {events:,} events",
                events / took,
                "events/s",
                baseline=events / scan,
                target=">= 16,667 (1M in 60 s)",
            )
        )
    pool = connection_pool(database_url, max_size=6)
    try:
        ProjectionRunner(pool, oms.recorder, oms.mapper).catch_up()
        refolds = ProcessRefolds(oms, database_url)
        report, took = _timed(
            lambda: verify(pool, oms.recorder, oms.mapper, all_projections(), refolds=refolds)
        )
        assert report.ok, report.as_json()
        figures.append(
            Figure(
                SECTION,
                f"verify all (chain + read models), {events:,} events",
                events / took,
                "events/s",
            )
        )
    finally:
        pool.close()
    figures += export_figures(database_url)
    return figures


def export_figures(database_url: str, view: str = "order_lines") -> list[Figure]:
    figures = []
    with tempfile.TemporaryDirectory(prefix="oms-export-") as folder:
        for fmt in ("csv", "parquet"):
            out = Path(folder) / f"{view}.{fmt}"
            with psycopg.connect(database_url) as conn, _peak_rss() as peak:
                rows, took = _timed(partial(export_view, conn, view, fmt, out))
            figures.append(
                Figure(SECTION, f"export {rows:,} {view} rows to {fmt}", rows / took, "rows/s")
            )
            figures.append(
                Figure(SECTION, f"export to {fmt}: peak RSS above start", peak[0] / 2**20, "MiB")
            )
    return figures


def _timed(work: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = work()
    return result, max(time.perf_counter() - started, 1e-9)


@contextmanager
def _peak_rss(every: float = 0.01) -> Iterator[list[int]]:
    """Samples this process's resident memory; yields [peak bytes above the start]."""
    process, peak, done = psutil.Process(), [0], threading.Event()
    start = process.memory_info().rss

    def sample() -> None:
        while not done.wait(every):
            peak[0] = max(peak[0], process.memory_info().rss - start)

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield peak
    finally:
        done.set()
        thread.join()
        peak[0] = max(peak[0], process.memory_info().rss - start)
