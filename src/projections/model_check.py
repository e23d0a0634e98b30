"""Refold a read model from the log into a scratch schema and compare it with the live one.

The scratch schema is filled up to the live model's position while the live model keeps
serving: by default in this thread, one transaction per batch; a `Fill` may instead fold
it in parts in other processes (`interfaces.verify_workers`). Then, holding the live
model's lock (its workers wait), the scratch schema catches up to the live position, and
the two are compared table by table, row by row on primary keys.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from eventsourcing.application import Mapper
from eventsourcing.persistence import ApplicationRecorder
from psycopg import Cursor
from psycopg_pool import ConnectionPool

from projections import schemas
from projections.base import Projection
from projections.connect import dedicated_connection
from projections.parts import Part
from projections.rebuild import RebuildInProgress
from projections.source import EventLog
from projections.table_diff import Difference, compare_schemas

SCRATCH_SUFFIX = "__verify"
BATCH_SIZE = 10_000
# A read model whose scratch schema is to be filled up to a position (from its own).
Wanted = tuple[Projection, int]
# Starts filling the scratch schemas; returns, for each, what waits for its fill to end
# (and raises its failure).
Fill = Callable[[Sequence[Wanted]], list[Callable[[], None]]]
Progress = Callable[[int, int], None]


class StaleReadModel(RuntimeError):
    """The live tables were built from an older definition of the read model."""


@dataclass(frozen=True)
class ModelCheck:
    name: str
    position: int
    differences: list[Difference]
    error: str | None = None  # the fold itself failed (an altered event no longer applies)

    @property
    def ok(self) -> bool:
        return not self.differences and self.error is None


def scratch_name(projection: Projection) -> str:
    return projection.name + SCRATCH_SUFFIX


def check_model(
    pool: ConnectionPool,
    recorder: ApplicationRecorder,
    mapper: Mapper,
    projection: Projection,
    *,
    fill: Fill | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress | None = None,
) -> ModelCheck:
    """Refold `projection` into a scratch schema and list how the live tables differ."""
    log = EventLog(recorder, mapper)
    with scratch(pool, projection) as live_position:
        if fill is not None:
            fill([(projection, live_position)])[0]()
        else:
            fold_into_scratch(
                pool, log, projection, live_position, batch_size=batch_size, on_progress=on_progress
            )
        return compared(pool, log, projection, live_position, batch_size)


@contextmanager
def scratch(pool: ConnectionPool, projection: Projection) -> Iterator[int]:
    """Claim `projection` for a check and give it an empty scratch schema, dropped at the
    end; yields the live model's position, which the scratch schema is filled up to.

    Live tables built from an older definition (a projector not yet restarted on new code)
    are refused: a row-by-row comparison would list every row of a changed table.
    """
    with pool.connection() as conn, conn.cursor() as cur:
        if not schemas.exists(cur, projection.name):
            raise StaleReadModel(
                f"read model {projection.name} has no live tables yet; start the projector"
                " (it creates and fills them), then verify again"
            )
        if not schemas.is_current(cur, projection, projection.name):
            raise StaleReadModel(
                f"the live tables of {projection.name} were built from an older definition;"
                " start the projector on this version (it rebuilds them) or run"
                f" `oms projections rebuild {projection.name}`, then verify again"
            )
    with dedicated_connection(pool) as guard:
        if not schemas.claim(guard, projection, "verify"):
            raise RebuildInProgress(f"read model {projection.name} is already being verified")
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            schemas.recreate(cur, projection, scratch_name(projection))
            schemas.make_scratch(cur, scratch_name(projection))
            live_position = schemas.position(cur, projection.name)
        try:
            yield live_position
        finally:
            with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
                schemas.drop(cur, scratch_name(projection))


def compared(
    pool: ConnectionPool, log: EventLog, projection: Projection, filled_to: int, batch_size: int
) -> ModelCheck:
    """The scratch schema, filled up to `filled_to`, compared with the live tables."""
    with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
        schemas.set_position(cur, scratch_name(projection), filled_to)
    with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
        return _compared_at_live_position(cur, log, projection, batch_size)


def _compared_at_live_position(
    cur: Cursor[Any], log: EventLog, projection: Projection, batch_size: int
) -> ModelCheck:
    """Holding the live model's lock: the scratch schema caught up to it, and compared."""
    scratch = scratch_name(projection)
    schemas.lock(cur, schemas.lock_key(projection), wait=True)
    live_position = schemas.position(cur, projection.name)
    position = schemas.position(cur, scratch)
    while position < live_position:
        position = _fold_batch(cur, log, projection, position, live_position, batch_size)
    schemas.set_position(cur, scratch, live_position)
    differences = compare_schemas(cur, projection.name, scratch)
    return ModelCheck(projection.name, live_position, differences)


def fold_into_scratch(
    pool: ConnectionPool,
    log: EventLog,
    projection: Projection,
    stop: int,
    *,
    part: Part | None = None,
    batch_size: int = BATCH_SIZE,
    on_progress: Progress | None = None,
) -> None:
    """Fold the events after the scratch schema's position up to `stop` into it, one
    transaction per batch, leaving its position as it was (whoever fills it moves it).

    With `part`, only that part of the fold (`projections.parts`): the other parts are
    folded into the same schema, at the same time, by other processes.
    """
    folded = projection if part is None else projection.split(part)
    if folded is None:
        raise ValueError(f"read model {projection.name} cannot be folded in parts")
    with pool.connection() as conn, conn.cursor() as cur:
        position = schemas.position(cur, scratch_name(projection))
    while position < stop:
        with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
            position = _fold_batch(cur, log, folded, position, stop, batch_size, part)
        if on_progress is not None:
            on_progress(position, stop)


def _fold_batch(
    cur: Cursor[Any],
    log: EventLog,
    projection: Projection,
    after: int,
    stop: int,
    batch_size: int,
    part: Part | None = None,
) -> int:
    """Apply the next batch of events (of `part`) to the scratch schema; where it ends."""
    end, envelopes = log.batch(
        after, stop, batch_size, projection.topics, part, projection.shared_topics
    )
    if envelopes:
        schemas.use_schema(cur, scratch_name(projection))
        projection.apply(cur, envelopes)
    return end
