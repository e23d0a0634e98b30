"""The writer: one thread per process that owns the cached aggregates and runs every command.

Callers queue commands (`submit`) and wait for their own answer. The writer takes what is
queued (at most `batch_max` commands, waiting at most `batch_wait_s` for more once it has
one), decides them one after another against its aggregates (no copy per load) and saves
them together (`application.group_commit`). Reads that need the cached aggregates
(`read`) run on the writer between batches, when no command's changes are pending.

Aggregates are cached here and nowhere else: a load on any other thread reads the store.
"""

from __future__ import annotations

import contextlib
import logging
import queue
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError

from application import group_commit
from application.aggregate_cache import AggregateCache
from application.command import Answer, Command

if TYPE_CHECKING:
    from application.base import OMSBase

T = TypeVar("T")
log = logging.getLogger(__name__)


class Read:
    """A function to run on the writer, and the future its value goes to."""

    def __init__(self, function: Callable[[], Any]) -> None:
        self.function = function
        self.value: Future[Any] = Future()

    def run(self) -> None:
        if self.value.set_running_or_notify_cancel():
            try:
                self.value.set_result(self.function())
            except Exception as error:  # handed to the reader, who raises it
                self.value.set_exception(error)


class Writer:
    def __init__(
        self,
        app: OMSBase,
        *,
        batch_max: int,
        batch_wait_s: float,
        cache_size: int,
    ) -> None:
        self._app = app
        self.batch_max = batch_max
        self.batch_wait_s = batch_wait_s
        self._queue: queue.SimpleQueue[Command | Read | None] = queue.SimpleQueue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()
        self.cache = AggregateCache(cache_size)
        # Aggregates the running command loaded (to restore them if it is refused).
        self.touched: dict[UUID, Any] = {}
        # Aggregates the batch being decided changed so far.
        self.unsaved: Mapping[UUID, Any] = {}

    def submit(self, command: Command) -> Future[Answer]:
        self._put(command)
        return command.answer

    def read(self, function: Callable[[], T]) -> T:
        """`function()` run on the writer, between batches (at once if called on it)."""
        if self.on_thread():
            return function()
        job = Read(function)
        self._put(job)
        value: T = job.value.result()
        return value

    def on_thread(self) -> bool:
        return threading.current_thread() is self._thread

    def load(self, aggregate_id: UUID, *, track: bool = True) -> Any | None:
        """The writer's own aggregate (no copy): cached, or read from the store and cached."""
        try:
            aggregate = self.cache.get(aggregate_id)
        except KeyError:
            try:
                aggregate = self._app.repository.get(aggregate_id)
            except AggregateNotFoundError:
                return None
            self.cache.put(aggregate_id, aggregate)
        if track:
            self.touched[aggregate_id] = aggregate
        return aggregate

    def peek_many(self, aggregate_ids: Sequence[UUID]) -> list[Any | None]:
        """The writer's own aggregates (no copies, untracked), cached or read from the store
        and cached; None for those never stored."""
        found = self.cache.get_many(aggregate_ids)
        for n, aggregate in enumerate(found):
            if aggregate is None:
                found[n] = self.load(aggregate_ids[n], track=False)
        return found

    def evict(self, aggregate_id: UUID) -> None:
        with contextlib.suppress(KeyError):
            self.cache.get(aggregate_id, evict=True)

    def close(self) -> None:
        """Finish what is queued, then stop the thread."""
        if self._thread is not None:
            self._queue.put(None)
            self._thread.join()
            self._thread = None

    def _put(self, job: Command | Read) -> None:
        if self._thread is None:
            with self._start_lock:
                if self._thread is None:
                    self._thread = threading.Thread(target=self._loop, name="oms-writer")
                    self._thread.daemon = True
                    self._thread.start()
        self._queue.put(job)

    def _loop(self) -> None:
        while True:
            jobs, closing = self._take()
            for job in jobs:
                if isinstance(job, Read):
                    job.run()
            commands = [job for job in jobs if isinstance(job, Command)]
            if commands:
                self._write(commands)
            if closing:
                return

    def _write(self, commands: list[Command]) -> None:
        try:
            group_commit.write(self._app, commands)
        except Exception as error:  # a fault, not a refusal: every waiting caller gets it
            log.exception("the writer failed a batch of %d commands", len(commands))
            for command in commands:
                if not command.answer.done():
                    command.answer.set_exception(error)

    def _take(self) -> tuple[list[Command | Read], bool]:
        """The next batch: what is queued, up to `batch_max`, waiting for more a bounded time."""
        first = self._queue.get()
        if first is None:
            return [], True
        jobs: list[Command | Read] = [first]
        deadline = time.monotonic() + self.batch_wait_s
        while len(jobs) < self.batch_max:
            try:
                job = self._queue.get_nowait()
            except queue.Empty:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    job = self._queue.get(timeout=left)
                except queue.Empty:
                    break
            if job is None:
                return jobs, True
            jobs.append(job)
        return jobs, False
