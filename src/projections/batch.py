"""One batch, exactly once: lock, read the position, apply what follows, move the position.

Everything happens in one transaction, so a failure anywhere leaves both the rows and the
position as they were, and a second worker waiting on the same advisory lock sees the
first one's position and skips what it already applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from psycopg import Cursor
from psycopg_pool import ConnectionPool

from projections import schemas
from projections.announce import announcing
from projections.base import Envelope, Projection
from projections.source import Reader


@dataclass(frozen=True)
class BatchResult:
    position: int
    head: int
    envelopes: list[Envelope] = field(default_factory=list)
    busy: bool = False
    moved: bool = False  # the position went forward in this batch

    @property
    def caught_up(self) -> bool:
        return self.position >= self.head


def step(
    cur: Cursor[Any], projection: Projection, schema: str, reader: Reader, *, told: bool = False
) -> BatchResult:
    """Apply the next events to `schema`; the caller holds the lock and the transaction.
    `told`: readers are told where the read model stands once it commits (`announce`)."""
    start = schemas.position(cur, schema, for_update=True)
    chunk = reader.after(start, cur)  # in this transaction: no second connection
    if chunk.end == start:
        return BatchResult(start, chunk.head)
    if chunk.envelopes:
        schemas.use_schema(cur, schema)
        projection.apply(cur, chunk.envelopes)
    if told:  # the move and the notification in one statement
        schemas.set_position(cur, schema, chunk.end, announcing(projection.name, chunk.end))
    else:
        schemas.set_position(cur, schema, chunk.end)
    return BatchResult(chunk.end, chunk.head, chunk.envelopes, moved=True)


def run_batch(
    pool: ConnectionPool, projection: Projection, reader: Reader, *, wait: bool = False
) -> BatchResult:
    """One transaction on the live schema; `busy` when another worker holds the lock."""
    with pool.connection() as conn, conn.transaction(), conn.cursor() as cur:
        if not schemas.lock(cur, schemas.lock_key(projection), wait=wait):
            current = schemas.position(cur, projection.name)
            return BatchResult(current, current, busy=True)
        return step(cur, projection, projection.name, reader, told=True)
