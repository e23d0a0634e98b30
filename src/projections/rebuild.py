"""Rebuild a projection from position 0 into a shadow schema, then swap it in.

The shadow fills in big batches while the live schema keeps serving (and its workers keep
tailing). The swap is one transaction: take the live workers' advisory lock, apply the
last events to the shadow, drop the live schema and rename the shadow into its place, so
readers see the old tables or the new ones, never a half-built one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from eventsourcing.application import Mapper
from eventsourcing.persistence import ApplicationRecorder
from psycopg import Cursor
from psycopg.errors import LockNotAvailable
from psycopg_pool import ConnectionPool

from projections import bi, schemas
from projections.base import Projection
from projections.batch import BatchResult, step
from projections.connect import dedicated_connection
from projections.source import EventLog, Reader

SWAP_ATTEMPTS = 10


class RebuildInProgress(RuntimeError):
    """Another process is already rebuilding this projection."""


@dataclass(frozen=True)
class RebuildProgress:
    name: str
    position: int
    head: int
    events: int  # events applied so far
    seconds: float

    @property
    def events_per_second(self) -> float:
        return self.events / self.seconds if self.seconds > 0 else 0.0


def rebuild(
    pool: ConnectionPool,
    recorder: ApplicationRecorder,
    mapper: Mapper,
    projection: Projection,
    *,
    batch_size: int = 10_000,
    on_progress: Callable[[RebuildProgress], None] | None = None,
    after_swap: Callable[[Cursor[Any]], None] | None = None,
    swap_lock_timeout: float = 2.0,
) -> RebuildProgress:
    """Rebuild `projection` from zero; returns the final progress (events, seconds).

    `after_swap` runs inside the swap transaction, e.g. to recreate views that depended
    on the dropped schema. The swap gives up waiting for locks after `swap_lock_timeout`
    seconds (readers would queue behind it) and tries again, up to SWAP_ATTEMPTS times.
    """
    reader = Reader(EventLog(recorder, mapper), projection.topics, batch_size)
    shadow, started = schemas.shadow_name(projection), time.time()
    applied = 0

    def report(result: BatchResult) -> RebuildProgress:
        nonlocal applied
        applied += len(result.envelopes)
        progress = RebuildProgress(
            projection.name, result.position, result.head, applied, time.time() - started
        )
        if on_progress is not None:
            on_progress(progress)
        return progress

    with dedicated_connection(pool) as guard:
        if not schemas.claim(guard, projection, "rebuild"):
            raise RebuildInProgress(f"projection {projection.name} is already being rebuilt")
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            schemas.recreate(cur, projection, shadow)
        while True:
            with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                result = step(cur, projection, shadow, reader)
            progress = report(result)
            if result.caught_up:
                break
        for attempt in range(1, SWAP_ATTEMPTS + 1):
            try:
                with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                    # Readers queue behind a waiting DROP: give up soon and try again.
                    timeout_ms = int(swap_lock_timeout * 1000)
                    cur.execute(f"SET LOCAL lock_timeout = '{timeout_ms}ms'")
                    schemas.lock(cur, schemas.lock_key(projection), wait=True)
                    while not (result := step(cur, projection, shadow, reader)).caught_up:
                        progress = report(result)
                    progress = report(result)
                    schemas.drop(cur, projection.name)
                    schemas.rename(cur, shadow, projection.name)
                    bi.install(cur)  # the drop took the BI views that read this schema
                    if after_swap is not None:
                        after_swap(cur)
                return progress
            except LockNotAvailable:
                if attempt == SWAP_ATTEMPTS:
                    raise
                time.sleep(attempt * 0.5)
    raise AssertionError("unreachable")
