"""Refolding the read models for `oms audit verify` in worker processes, one core each.

A read model's fold is Python work, so threads of one process take turns on the GIL.
Here each read model is refolded in a process of its own, as many at once as there are
cores, in the order given (the first ones start first); the parent meanwhile checks the
hash chain. A worker opens an application of its own from the parent's eventsourcing
environment (for the mapper and the recorder) and connections to `database_url`, which
must be the resolved URL: a worker never starts an embedded server. Progress comes back
through a queue and reaches `on_progress` in the parent.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from collections.abc import Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from application.oms import OMS
from application.persistence import DATABASE_TIMEOUT, DEFAULT_TIMEOUT
from interfaces.database import connection_pool
from projections.base import Projection
from projections.model_check import ModelCheck
from projections.registry import projection_named
from projections.verify import OnProgress, checked

_progress: Any = None  # in a worker: the queue its progress goes to


class ProcessRefolds:
    """`verify`'s refold strategy: each read model in a worker process."""

    def __init__(self, oms: OMS, database_url: str, workers: int | None = None) -> None:
        self.env, self.database_url = dict(oms.env), database_url
        self.workers = workers or os.cpu_count() or 1

    def __call__(
        self, projections: Sequence[Projection], on_progress: OnProgress | None
    ) -> list[ModelCheck]:
        context = multiprocessing.get_context("spawn")  # the parent has threads: no fork
        progress = context.Queue()
        with ProcessPoolExecutor(
            min(self.workers, len(projections)) or 1,
            mp_context=context,
            initializer=_started,
            initargs=(progress,),
        ) as workers:
            checks = [
                workers.submit(_refold, self.env, self.database_url, p.name) for p in projections
            ]
            _relay(progress, checks, on_progress)
        return [check.result() for check in checks]


def _relay(
    progress: Any, checks: Sequence[Future[ModelCheck]], on_progress: OnProgress | None
) -> None:
    """Hand the workers' progress to `on_progress` until every check is done."""
    while not all(check.done() for check in checks):
        try:
            stage, done, total = progress.get(timeout=0.2)
        except queue.Empty:
            continue
        if on_progress is not None:
            on_progress(stage, done, total)


def _started(progress: Any) -> None:
    global _progress
    _progress = progress


def _report(stage: str, done: int, total: int) -> None:
    _progress.put((stage, done, total))


def _refold(env: dict[str, str], database_url: str, name: str) -> ModelCheck:
    oms = OMS(env)
    try:
        timeout = float(env.get(DATABASE_TIMEOUT, DEFAULT_TIMEOUT))
        pool = connection_pool(database_url, max_size=2, name=f"verify-{name}", timeout=timeout)
        try:
            return checked(pool, oms.recorder, oms.mapper, projection_named(name), _report)
        finally:
            pool.close()
    finally:
        oms.close()
