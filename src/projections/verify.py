"""`oms audit verify`: the hash chain against the stored events, and every read model
against a fresh fold of the log."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field
from functools import partial
from typing import Any, Protocol

from eventsourcing.application import Mapper
from eventsourcing.persistence import ApplicationRecorder
from psycopg import sql
from psycopg_pool import ConnectionPool

from projections.base import Projection
from projections.chain import catch_up, ensure_schema, events_table, last_link
from projections.chain_check import Break, chain_breaks, seal_breaks
from projections.model_check import (
    BATCH_SIZE,
    Fill,
    ModelCheck,
    Wanted,
    compared,
    fold_into_scratch,
    scratch,
)
from projections.source import EventLog

# (stage, done, total): stage is "chain" or a read model's name.
OnProgress = Callable[[str, int, int], None]


class Refolds(Protocol):
    """Where the read models are refolded, when not in this process's threads."""

    def opened(self, on_progress: OnProgress | None) -> AbstractContextManager[Fill]:
        """How to fill a read model's scratch schema, valid until the context ends."""
        ...


@dataclass
class Verification:
    chained_to: int = 0
    newly_chained: int = 0
    breaks: list[Break] = field(default_factory=list)
    models: list[ModelCheck] = field(default_factory=list)

    @property
    def first_break(self) -> Break | None:
        return min(self.breaks, key=lambda b: b.position) if self.breaks else None

    @property
    def ok(self) -> bool:
        return not self.breaks and all(m.ok for m in self.models)

    def as_json(self) -> dict[str, Any]:
        first = self.first_break
        return {
            "ok": self.ok,
            "chain": {
                "chained_to": self.chained_to,
                "newly_chained": self.newly_chained,
                "first_break": first.as_json() if first else None,
                "breaks": [b.as_json() for b in self.breaks],
            },
            "read_models": [
                {
                    "name": m.name,
                    "position": m.position,
                    "differences": [d.as_json() for d in m.differences],
                    "error": m.error,
                }
                for m in self.models
            ],
        }


def verify(
    pool: ConnectionPool,
    recorder: ApplicationRecorder,
    mapper: Mapper,
    projections: Sequence[Projection],
    on_progress: OnProgress | None = None,
    refolds: Refolds | None = None,
) -> Verification:
    """Chain what is not chained yet and check every link and seal; meanwhile refold and
    compare every read model, one thread each (folding there, or as `refolds` fills)."""
    report = Verification()
    folds = refolds.opened(on_progress) if refolds is not None else nullcontext(None)
    log = EventLog(recorder, mapper)
    with ThreadPoolExecutor(1, "verify-chain") as chain_thread:
        chain = chain_thread.submit(_check_chain, pool, events_table(recorder), report, on_progress)
        with folds as fill:
            report.models = _checked_models(pool, log, projections, on_progress, fill)
    chain.result()
    return report


def _check_chain(
    pool: ConnectionPool,
    events: sql.Identifier,
    report: Verification,
    on_progress: OnProgress | None,
) -> None:
    with pool.connection() as conn:
        ensure_schema(conn)
        report.newly_chained = catch_up(conn, events)
        with conn.transaction(), conn.cursor() as cur:
            report.chained_to = last_link(cur)[0]

        def progress(done: int) -> None:
            if on_progress is not None:
                on_progress("chain", done, report.chained_to)

        report.breaks = list(chain_breaks(conn, events, report.chained_to, progress))
        report.breaks += seal_breaks(conn)


def _checked_models(
    pool: ConnectionPool,
    log: EventLog,
    projections: Sequence[Projection],
    on_progress: OnProgress | None,
    fill: Fill | None,
) -> list[ModelCheck]:
    """Each read model checked in a thread of its own, compared as soon as its fold ends.

    Every scratch schema is made first and every fold started at once, so that `fill`
    can order the work as a whole (`ProcessRefolds` hands out the longest jobs first).
    """
    with ExitStack() as scratches, ThreadPoolExecutor(len(projections) or 1, "verify") as threads:
        checks: dict[str, Future[ModelCheck]] = {}
        ready: list[tuple[Projection, int, ExitStack]] = []
        for projection in projections:
            own = ExitStack()  # its scratch schema, dropped once compared
            scratches.push(own)
            try:
                ready.append((projection, own.enter_context(scratch(pool, projection)), own))
            except Exception as error:  # reported as a failed check, never hidden
                checks[projection.name] = Future()
                checks[projection.name].set_result(_failure(projection, error))
        wanted = [(projection, stop) for projection, stop, _ in ready]
        folds = (fill or partial(_in_threads, pool, log, on_progress))(wanted)
        for (projection, stop, own), folded in zip(ready, folds, strict=True):
            checks[projection.name] = threads.submit(
                _finished, pool, log, projection, stop, folded, own
            )
    return [checks[p.name].result() for p in projections]


def _in_threads(
    pool: ConnectionPool, log: EventLog, on_progress: OnProgress | None, wanted: Sequence[Wanted]
) -> list[Callable[[], None]]:
    """The folds as the checking threads run them, reporting to `on_progress`."""

    def fold(projection: Projection, stop: int) -> None:
        def progress(done: int, total: int) -> None:
            if on_progress is not None:
                on_progress(projection.name, done, total)

        fold_into_scratch(pool, log, projection, stop, on_progress=progress)

    return [partial(fold, projection, stop) for projection, stop in wanted]


def _finished(
    pool: ConnectionPool,
    log: EventLog,
    projection: Projection,
    stop: int,
    folded: Callable[[], None],
    scratch_schema: ExitStack,
) -> ModelCheck:
    with scratch_schema:
        try:
            folded()
            return compared(pool, log, projection, stop, BATCH_SIZE)
        except Exception as error:  # reported as a failed check, never hidden
            return _failure(projection, error)


def _failure(projection: Projection, error: Exception) -> ModelCheck:
    """A fold that failed (an altered event no longer applies), as its check's result."""
    return ModelCheck(projection.name, -1, [], f"{type(error).__name__}: {error}")
