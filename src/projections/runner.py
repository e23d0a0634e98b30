"""Keeps projections current: catch up in batches, then tail the log live.

One worker thread per projection; a LISTEN connection wakes them when writers commit, with
a short poll as the fallback, and cuts their gap short when a reader waits (`wanted`).
Several processes may run the same projections: the batch transaction's advisory lock
makes sure each event is applied once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from eventsourcing.application import Mapper
from eventsourcing.persistence import ApplicationRecorder
from psycopg_pool import ConnectionPool

from application.connections import DATABASE_ERRORS
from application.decoded_events import DecodedEvents
from projections import failures
from projections.base import Projection
from projections.batch import BatchResult, run_batch
from projections.listener import Listener
from projections.positions import Positions
from projections.registry import all_projections
from projections.set_up import set_up
from projections.source import EventLog, Reader
from projections.status import ProjectionStatus, read_status
from projections.wanted import CHANNEL as WANTED
from projections.wanted import Wanted, asked

log = logging.getLogger(__name__)

OnBatch = Callable[[str, BatchResult, float], None]
OnFailure = Callable[[str, BaseException], None]
RECONNECT_WAIT = 1.0  # seconds between tries while the database is unreachable


@dataclass
class _Worker:
    projection: Projection
    wake: threading.Event
    reader: Reader
    wanted: Wanted
    thread: threading.Thread | None = None
    error: str | None = None
    position: int | None = None  # where the last batch found or left the read model


class ProjectionRunner:
    def __init__(
        self,
        pool: ConnectionPool,
        recorder: ApplicationRecorder,
        mapper: Mapper,
        projections: Sequence[Projection] | None = None,
        *,
        batch_size: int = 5000,
        poll_interval: float = 0.25,
        gap: float = 0.0,
        on_batch: OnBatch | None = None,
        on_failure: OnFailure | None = None,
        decoded: DecodedEvents | None = None,
    ) -> None:
        """`decoded`: events decoded by the process's other readers of the log (None: the
        projections share their own)."""
        self.pool = pool
        self.recorder, self.mapper = recorder, mapper
        self.log = EventLog(recorder, mapper, decoded or DecodedEvents(mapper))
        self.projections = list(projections if projections is not None else all_projections())
        self.batch_size = batch_size
        self.poll_interval = poll_interval
        # Live batches of one projection begin at least `gap` seconds apart: under steady
        # writes (a commit every few ms) each carries many commands' events, and the costs
        # of a batch (its transaction, lock, reads, statements, NOTIFY) are paid once for
        # them. A batch after a quiet spell longer than `gap` starts at once, and so does
        # one a reader waits for (`hurry`).
        self.gap = gap
        self.on_batch = on_batch
        self.on_failure = on_failure
        self._workers = {
            p.name: _Worker(p, threading.Event(), Reader(self.log, p.topics, batch_size), Wanted())
            for p in self.projections
        }
        self._stopping = threading.Event()
        self._positions = Positions(self._workers)
        self._listener: Listener | None = None
        self._started = False

    # Set-up and one-shot use (tests, CLI) --------------------------------------------

    def setup(self) -> None:
        """Make every read model's tables current (`set_up`)."""
        set_up(self.pool, self.recorder, self.mapper, self.projections)

    def run_once(self) -> int:
        """One batch per projection; returns how many events were applied."""
        self.setup()
        return sum(len(self._batch(w, wait=True).envelopes) for w in self._workers.values())

    def catch_up(self) -> int:
        """Bring every projection to the head, one thread each; returns events applied.

        The first failure is raised once the other projections have stopped.
        """
        self.setup()
        with ThreadPoolExecutor(len(self._workers), "projection-catch-up") as threads:
            done = [threads.submit(self._catch_up, w) for w in self._workers.values()]
        return sum(future.result() for future in done)

    def _catch_up(self, worker: _Worker) -> int:
        applied = 0
        while True:
            result = self._batch(worker, wait=True)
            applied += len(result.envelopes)
            if result.caught_up:
                return applied

    # Background running ---------------------------------------------------------------

    def start(self) -> None:
        """Create schemas, then catch up and tail live in background threads."""
        if self._started:
            return
        self.setup()
        self._stopping.clear()
        for worker in self._workers.values():
            worker.thread = threading.Thread(
                target=self._run,
                args=(worker,),
                name=f"projection-{worker.projection.name}",
                daemon=True,
            )
            worker.thread.start()
        channel = self.log.channel
        if channel:
            handlers = {channel: lambda _: self.wake(), WANTED: self._asked}
            self._listener = Listener(self.pool, handlers, self.wake)
            self._listener.start()
        self._started = True

    def stop(self, timeout: float = 10.0) -> None:
        """Finish the batch in hand, then stop every thread."""
        self._stopping.set()
        self.wake()
        for worker in self._workers.values():
            worker.wanted.interrupt()
        if self._listener is not None:
            self._listener.stop(timeout)
            self._listener = None
        for worker in self._workers.values():
            if worker.thread is not None:
                worker.thread.join(timeout)
                worker.thread = None
        self._started = False

    def wake(self) -> None:
        for worker in self._workers.values():
            worker.wake.set()

    def hurry(self, position: int) -> None:
        """A reader waits for `position`: each worker short of it starts its next batch
        without waiting out the rest of its gap (once, however many readers ask)."""
        for worker in self._workers.values():
            if worker.position is None or worker.position < position:
                worker.wanted.want(position)
                worker.wake.set()

    def _asked(self, payload: str) -> None:
        position = asked(payload)
        if position is not None:
            self.hurry(position)

    # Queries ----------------------------------------------------------------------------

    def status(self) -> list[ProjectionStatus]:
        """Position, head and lag of each projection, as stored in the database."""
        return read_status(self.pool, self.log, self.projections)

    @property
    def errors(self) -> dict[str, str]:
        """The last error of each projection that is currently failing."""
        return {name: w.error for name, w in self._workers.items() if w.error}

    def wait_until(self, position: int, timeout: float) -> bool:
        """Block until every projection has applied `position`; False on timeout."""
        refresh = None if self._started else self._stored_positions
        return self._positions.wait_until(position, timeout, refresh)

    # Internals --------------------------------------------------------------------------

    def _run(self, worker: _Worker) -> None:
        backoff = 0.0
        applied_at = float("-inf")  # when the last batch that applied events began
        while not self._stopping.is_set():
            worker.wake.clear()
            worker.wanted.take()
            began = time.monotonic()
            try:
                result = self._batch(worker, wait=False)
            except DATABASE_ERRORS as error:  # not the projection's fault: look again soon
                name = worker.projection.name
                log.warning("projection %s: database unavailable (%s)", name, error)
                worker.error = f"database unavailable: {type(error).__name__}"
                self._stopping.wait(RECONNECT_WAIT)
                continue
            except Exception as error:  # logged, counted, stored; retried with back-off
                log.exception("projection %s failed; retrying", worker.projection.name)
                self._failed(worker, error)
                backoff = min(max(backoff * 2, 0.1), 30.0)
                self._stopping.wait(backoff)
                continue
            if worker.error is not None:
                self._recovered(worker)
            backoff = 0.0
            if result.envelopes:
                applied_at = began
            if result.caught_up or result.busy:
                worker.wake.wait(self.poll_interval)
                left = self.gap - (time.monotonic() - applied_at)
                worker.wanted.wait(left, worker.position or 0, self._stopping)

    def _batch(self, worker: _Worker, *, wait: bool) -> BatchResult:
        known = worker.position
        result = run_batch(self.pool, worker.projection, worker.reader, wait=wait, known=known)
        worker.position = result.position
        if self.on_batch is not None and not result.busy:
            self.on_batch(worker.projection.name, result, time.time())
        self._positions.set(worker.projection.name, result.position)
        return result

    def _failed(self, worker: _Worker, error: Exception) -> None:
        """Make the failure loud: `errors`, the `on_failure` hook, the tracking row."""
        name = worker.projection.name
        worker.error = failures.describe(error)
        if self.on_failure is not None:
            self.on_failure(name, error)
        failures.store(self.pool, name, worker.error)

    def _recovered(self, worker: _Worker) -> None:
        log.warning("projection %s recovered", worker.projection.name)
        worker.error = None
        failures.store(self.pool, worker.projection.name, None)

    def _stored_positions(self) -> dict[str, int]:
        return {s.name: s.position for s in self.status()}
