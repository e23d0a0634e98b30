"""`oms audit verify`: the hash chain against the stored events, and every read model
against a fresh fold of the log."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field
from typing import Any, Protocol

from eventsourcing.application import Mapper
from eventsourcing.persistence import ApplicationRecorder
from psycopg import sql
from psycopg_pool import ConnectionPool

from projections.base import Projection
from projections.chain import catch_up, ensure_schema, events_table, last_link
from projections.chain_check import Break, chain_breaks, seal_breaks
from projections.model_check import Fill, ModelCheck, check_model

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
    with ThreadPoolExecutor(1, "verify-chain") as chain_thread:
        chain = chain_thread.submit(_check_chain, pool, events_table(recorder), report, on_progress)
        with folds as fill, ThreadPoolExecutor(len(projections) or 1, "verify") as threads:
            checks = [
                threads.submit(checked, pool, recorder, mapper, p, on_progress, fill)
                for p in projections
            ]
        report.models = [check.result() for check in checks]
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


def checked(
    pool: ConnectionPool,
    recorder: ApplicationRecorder,
    mapper: Mapper,
    projection: Projection,
    on_progress: OnProgress | None,
    fill: Fill | None = None,
) -> ModelCheck:
    """The check of one read model; a fold that fails is reported, never raised."""

    def progress(done: int, total: int) -> None:
        if on_progress is not None:
            on_progress(projection.name, done, total)

    try:
        return check_model(pool, recorder, mapper, projection, fill=fill, on_progress=progress)
    except Exception as error:  # reported as a failed check, never hidden
        return ModelCheck(projection.name, -1, [], f"{type(error).__name__}: {error}")
