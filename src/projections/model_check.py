"""Refold a read model from the log into a scratch schema and compare it with the live one.

The scratch schema fills in batches up to the live model's position while the live model
keeps serving; then, holding the live model's lock (its workers wait), it catches up to
the live position, and the two are compared table by table, row by row on primary keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from eventsourcing.application import Mapper
from eventsourcing.persistence import ApplicationRecorder
from psycopg import Cursor
from psycopg_pool import ConnectionPool

from projections import schemas
from projections.base import Projection
from projections.connect import dedicated_connection
from projections.rebuild import RebuildInProgress
from projections.source import EventLog
from projections.table_diff import Difference, compare_schemas

SCRATCH_SUFFIX = "__verify"


@dataclass(frozen=True)
class ModelCheck:
    name: str
    position: int
    differences: list[Difference]
    error: str | None = None  # the fold itself failed (an altered event no longer applies)

    @property
    def ok(self) -> bool:
        return not self.differences and self.error is None


def check_model(
    pool: ConnectionPool,
    recorder: ApplicationRecorder,
    mapper: Mapper,
    projection: Projection,
    *,
    batch_size: int = 10_000,
    on_progress: Callable[[int, int], None] | None = None,
) -> ModelCheck:
    """Refold `projection` into a scratch schema and list how the live tables differ."""
    log, scratch = EventLog(recorder, mapper), projection.name + SCRATCH_SUFFIX

    def fill(cur: Cursor[Any], target: int) -> None:
        position = schemas.position(cur, scratch)
        while position < target:
            envelopes = log.read(position, target, batch_size, projection.topics)
            end = envelopes[-1].position if len(envelopes) >= batch_size else target
            if envelopes:
                schemas.use_schema(cur, scratch)
                projection.apply(cur, envelopes)
            schemas.set_position(cur, scratch, end)
            position = end
            if on_progress is not None:
                on_progress(position, target)

    with dedicated_connection(pool) as guard:
        if not schemas.claim(guard, projection, "verify"):
            raise RebuildInProgress(f"read model {projection.name} is already being verified")
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            schemas.recreate(cur, projection, scratch)
            live_position = schemas.position(cur, projection.name)
        try:
            while True:  # one transaction per batch while the live model moves on
                with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                    before = schemas.position(cur, scratch)
                    fill(cur, min(live_position, before + batch_size))
                    if schemas.position(cur, scratch) >= live_position:
                        break
            with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                schemas.lock(cur, schemas.lock_key(projection), wait=True)
                live_position = schemas.position(cur, projection.name)
                fill(cur, live_position)
                differences = compare_schemas(cur, projection.name, scratch)
            return ModelCheck(projection.name, live_position, differences)
        finally:
            with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                schemas.drop(cur, scratch)
