"""One batch, exactly once: lock, read the position, apply what follows, move the position.

Everything happens in one transaction, so a failure anywhere leaves both the rows and the
position as they were, and a second worker waiting on the same advisory lock sees the
first one's position and skips what it already applied.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from psycopg import Cursor
from psycopg.pq import TransactionStatus
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
    start = schemas.position_for_update(cur, schema)  # and the search path set to `schema`
    chunk = reader.after(start, cur)  # in this transaction: no second connection
    if chunk.end == start:
        return BatchResult(start, chunk.head)
    if chunk.envelopes:
        projection.apply(cur, chunk.envelopes)
    if told:  # the move and the notification in one statement
        schemas.set_position(cur, schema, chunk.end, announcing(projection.name, chunk.end))
    else:
        schemas.set_position(cur, schema, chunk.end)
    return BatchResult(chunk.end, chunk.head, chunk.envelopes, moved=True)


def run_batch(
    pool: ConnectionPool,
    projection: Projection,
    reader: Reader,
    *,
    wait: bool = False,
    known: int | None = None,
) -> BatchResult:
    """One transaction on the live schema; `busy` when another worker holds the lock.

    `known`: the position this worker last found or left (None: not known). The log after
    it is read first, outside any transaction: with nothing new there is no transaction at
    all, and with none of the projection's events the position moves by one statement
    (`schemas.move_if_at`). Otherwise the batch's transaction applies the chunk read.

    It commits without waiting for the disk (`durable=False`): a crash may lose the last
    batches' commits, but exactly-once still holds, because a batch writes nothing but
    rows made from the log and the position they were made up to, in one transaction. A
    commit lost is lost whole, rows and position together, so the read model comes back
    as it stood at an earlier position and the batch is applied again from there. The
    events themselves are committed durably by their writers before any batch reads them.
    """
    with pool.connection() as conn:
        conn.autocommit = True  # statements outside `transaction()` commit on their own
        try:
            if known is not None and not reader.reading_ahead:
                with conn.cursor() as cur:
                    done = _without_events(cur, projection, reader, known)
                if done is not None:
                    return done
            with conn.transaction(), conn.cursor() as cur:
                if not schemas.lock(cur, schemas.lock_key(projection), wait=wait, durable=False):
                    current = schemas.position(cur, projection.name)
                    return BatchResult(current, current, busy=True)
                return step(cur, projection, projection.name, reader, told=True)
        finally:  # a connection not idle now is broken: the pool drops it
            if conn.info.transaction_status == TransactionStatus.IDLE:
                conn.autocommit = False


def _without_events(
    cur: Cursor[Any], projection: Projection, reader: Reader, known: int
) -> BatchResult | None:
    """The batch after `known` when it has none of the projection's events, done with no
    transaction of its own; None when a transaction must do it (the chunk read is kept
    for it)."""
    chunk = reader.log.chunk(known, reader.limit, reader.topics, cur)
    if chunk.end == known:  # nothing new
        return BatchResult(known, chunk.head)
    if not chunk.envelopes:
        key, told = schemas.lock_key(projection), announcing(projection.name, chunk.end)
        if schemas.move_if_at(cur, projection.name, known, chunk.end, key, told):
            return BatchResult(chunk.end, chunk.head, moved=True)
    reader.keep(chunk)
    return None
