"""Refolding the read models for `oms audit verify` in worker processes, one core each.

A read model's fold is Python work, so threads of one process take turns on the GIL.
Here the parent keeps the checks (scratch schemas, locks, comparisons) and hands the
folds to as many worker processes as there are cores: a read model whose rows divide by
aggregate (`Projection.split`) is folded in a few parts per worker, the others whole. The
parent meanwhile checks the hash chain. A worker opens an application of its own from the
parent's eventsourcing environment (for the mapper and the recorder) and connections to
`database_url`, which must be the resolved URL: a worker never starts an embedded server.
Progress comes back through a queue and reaches `on_progress` in the parent.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Executor, Future, ProcessPoolExecutor, wait
from contextlib import contextmanager
from functools import partial
from typing import Any, NamedTuple

from application.oms import OMS
from application.persistence import DATABASE_TIMEOUT, DEFAULT_TIMEOUT
from interfaces.database import connection_pool
from projections.model_check import Fill, Wanted, fold_into_scratch
from projections.parts import Part, all_parts
from projections.registry import projection_named
from projections.source import EventLog
from projections.verify import OnProgress

_progress: Any = None  # in a worker: the queue its progress goes to
PARTS_PER_WORKER = 2
WORKER_GC_THRESHOLDS = (20_000, 50, 100)  # the default is (700, 10, 10)


class ProcessRefolds:
    """`verify`'s refolds: the scratch schemas filled by worker processes."""

    def __init__(self, oms: OMS, database_url: str, workers: int | None = None) -> None:
        self.env, self.database_url = dict(oms.env), database_url
        self.workers = workers or os.cpu_count() or 1

    @contextmanager
    def opened(self, on_progress: OnProgress | None) -> Iterator[Fill]:
        context = multiprocessing.get_context("spawn")  # the parent has threads: no fork
        relay = _Relay(context.Queue(), on_progress)
        try:
            with ProcessPoolExecutor(
                self.workers, mp_context=context, initializer=_started, initargs=(relay.queue,)
            ) as workers:
                yield partial(self._fill, workers)
        finally:
            relay.finish()

    def _fill(self, workers: Executor, wanted: Sequence[Wanted]) -> list[Callable[[], None]]:
        """Start folding each read model up to its position in the workers."""
        jobs = costliest_first(wanted, self.workers * PARTS_PER_WORKER)
        started = [(job, workers.submit(_fold, self.env, self.database_url, *job)) for job in jobs]
        return [
            partial(_all_done, [f for job, f in started if job.name == projection.name])
            for projection, _ in wanted
        ]


class Job(NamedTuple):
    """One worker's fold: a read model (by name), up to a position, whole or a part."""

    name: str
    part: Part | None
    stop: int


def costliest_first(wanted: Sequence[Wanted], parts: int) -> list[Job]:
    """The jobs folding `wanted`: a read model that divides (`Projection.split`) in
    `parts` parts, the others whole; the longest first (by `refold_cost` per part), so the
    workers end together rather than one of them on a long fold (longest processing time
    first)."""
    jobs = []
    for projection, stop in wanted:
        split = projection.split(Part(0, 1)) is not None
        divided: list[Part | None] = list(all_parts(parts)) if split else [None]
        cost = projection.refold_cost / len(divided)
        jobs += [(cost, Job(projection.name, part, stop)) for part in divided]
    return [job for _, job in sorted(jobs, key=lambda c: -c[0])]


def _all_done(jobs: list[Future[None]]) -> None:
    """Wait for every job; then raise the first one's failure."""
    wait(jobs)
    for job in jobs:
        job.result()


class _Relay:
    """Hands the workers' progress to `on_progress`: per read model, the part furthest behind."""

    def __init__(self, progress: Any, on_progress: OnProgress | None) -> None:
        self.queue, self.on_progress = progress, on_progress
        self._done: dict[str, dict[int, int]] = {}
        self._stopped = threading.Event()
        self._thread = threading.Thread(target=self._run, name="verify-progress", daemon=True)
        self._thread.start()

    def finish(self) -> None:
        """Stop, after handing on what the (finished) workers reported."""
        self._stopped.set()
        self._thread.join()
        while True:
            try:
                self._hand_on(self.queue.get_nowait())
            except queue.Empty:
                return

    def _run(self) -> None:
        while not self._stopped.is_set():
            try:
                self._hand_on(self.queue.get(timeout=0.2))
            except queue.Empty:
                continue

    def _hand_on(self, message: tuple[str, int, int, int, int]) -> None:
        name, index, count, done, total = message
        parts = self._done.setdefault(name, {})
        parts[index] = done
        if self.on_progress is not None:
            self.on_progress(name, min(parts.get(i, 0) for i in range(count)), total)


def _started(progress: Any) -> None:
    global _progress
    _progress = progress
    # A fold makes a great many short-lived containers and few cycles: the collector runs
    # less often and never scans what was loaded before (a tenth of a fold's CPU).
    gc.freeze()
    gc.set_threshold(*WORKER_GC_THRESHOLDS)


def _fold(env: dict[str, str], database_url: str, name: str, part: Part | None, stop: int) -> None:
    index, count = (part.index, part.count) if part is not None else (0, 1)

    def report(done: int, total: int) -> None:
        _progress.put((name, index, count, done, total))

    oms = OMS(env)
    try:
        timeout = float(env.get(DATABASE_TIMEOUT, DEFAULT_TIMEOUT))
        pool = connection_pool(database_url, max_size=2, name=f"verify-{name}", timeout=timeout)
        try:
            log = EventLog(oms.recorder, oms.mapper)
            projection = projection_named(name)
            fold_into_scratch(pool, log, projection, stop, part=part, on_progress=report)
        finally:
            pool.close()
    finally:
        oms.close()
