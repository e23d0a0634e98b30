"""The writer's batches in a pipeline: the next batch is decided while one commits.

A batch reads the log once (what other processes saved), looks up every idempotency key
in one query, then decides its commands (`application.batch`) on top of the batch still
committing, if any (its `base`). Only once the base committed is the new batch handed to
the committer thread, so at most one batch is saving at a time, and batches commit in the
order they were decided. While PostgreSQL commits, the writer decides.

If the base did not commit, what the new batch decided rests on changes never stored: it
is dropped and its commands are decided again on what is stored. A base that lost a race
with another process (a version conflict) is run again command by command, each retrying
on conflict with backoff, for at most `conflict_retry_s`; a base that failed otherwise
fails its callers. A command whose key is in the base waits for the base's answer.
"""

from __future__ import annotations

import logging
import queue
import threading
from collections import deque
from typing import TYPE_CHECKING

from eventsourcing.persistence import RecordConflictError
from tenacity import RetryError, Retrying, retry_if_exception_type, stop_before_delay
from tenacity import wait_random_exponential as jittered

from application.batch import MAX_EVENTS, Batch, fail
from application.command import Command
from application.idempotency import KeyLookup
from domain.errors import ConcurrencyConflict

if TYPE_CHECKING:
    from application.base import OMSBase

log = logging.getLogger(__name__)


class Pipeline:
    def __init__(self, app: OMSBase, *, overlap: bool = False) -> None:
        """`overlap`: decide the next batch while one commits (else each commit is waited
        for on the writer, as one thread would)."""
        self.app = app
        self.overlap = overlap
        self._saving: Batch | None = None
        self._committer: Committer | InlineCommitter | None = None

    def write(self, commands: list[Command]) -> None:
        """Decide `commands` in batches, each handed to the committer once the one before
        it committed; the last may still be saving on return (see `drain`)."""
        queued = deque(c for c in commands if c.answer.set_running_or_notify_cancel())
        while queued:
            self.app.follower.catch_up()
            base = self._saving
            records = KeyLookup(self.app).records(c.key for c in queued if c.key)
            batch, later = Batch(self.app, base), []
            try:
                while queued and batch.events < MAX_EVENTS:
                    command = queued.popleft()
                    if command.key is not None and (
                        command.key in batch.keys or (base is not None and command.key in base.keys)
                    ):
                        later.append(command)  # a key twice: the second answered from the first
                    else:
                        batch.decide(command, records.get(command.key or ""))
                batch.seal()
            except BaseException:
                batch.forget()
                raise
            if self._settle(on_top=batch):
                self._start(batch)
            else:
                later = [*batch.decided, *later]  # decided again, on what is stored
            queued.extendleft(reversed(later))

    def drain(self) -> None:
        """Wait for the batch saving, if any, and settle it."""
        self._settle(on_top=None)

    def close(self) -> None:
        self.drain()
        if self._committer is not None:
            self._committer.stop()
            self._committer = None

    def _start(self, batch: Batch) -> None:
        if not batch.sealed:
            batch.commit()  # nothing to store: answered now (its base committed)
            return
        if self._committer is None:
            self._committer = Committer() if self.overlap else InlineCommitter()
        self._committer.commit(batch)
        self._saving = batch
        if not self.overlap:
            self._settle(on_top=None)

    def _settle(self, on_top: Batch | None) -> bool:
        """Wait for the batch saving; False if it did not commit (`on_top`, decided on top
        of it, is then forgotten too: the writer's aggregates hold what it decided)."""
        if self._saving is None:
            return True
        batch, self._saving = self._saving, None
        assert self._committer is not None
        try:
            self._committer.wait()
        except RecordConflictError:
            self._forget(batch, on_top)
            batch.answer_verdicts()
            for command in batch.commands:
                _alone(self.app, command)
            return False
        except Exception as error:  # a fault, not a refusal: each of its callers gets it
            log.exception("the writer failed to save a batch of %d commands", len(batch.decided))
            self._forget(batch, on_top)
            batch.answer_verdicts()
            for command in batch.commands:
                if not command.answer.done():
                    fail(self.app, command, error, "error")
            return False
        try:
            batch.settled()
        except Exception:  # committed and answered: the next catch-up reads the log instead
            log.exception("the writer could not settle a saved batch")
        return True

    @staticmethod
    def _forget(batch: Batch, on_top: Batch | None) -> None:
        batch.forget()
        if on_top is not None:
            on_top.forget()


class Committer:
    """A thread committing one batch at a time: `commit` hands it one, `wait` waits for
    the outcome (raising what the commit raised). Two queues, no future per batch."""

    def __init__(self) -> None:
        self._batches: queue.SimpleQueue[Batch | None] = queue.SimpleQueue()
        self._outcomes: queue.SimpleQueue[BaseException | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="oms-commit", daemon=True)
        self._thread.start()

    def commit(self, batch: Batch) -> None:
        self._batches.put(batch)

    def wait(self) -> None:
        error = self._outcomes.get()
        if error is not None:
            raise error

    def stop(self) -> None:
        self._batches.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (batch := self._batches.get()) is not None:
            try:
                batch.commit()
            except BaseException as error:  # handed to the writer, which deals with it
                self._outcomes.put(error)
            else:
                self._outcomes.put(None)


class InlineCommitter:
    """Commits on the caller's thread: `wait` raises what the commit raised."""

    def __init__(self) -> None:
        self._error: BaseException | None = None

    def commit(self, batch: Batch) -> None:
        self._error = None
        try:
            batch.commit()
        except BaseException as error:  # handed to the writer by `wait`, as `Committer` does
            self._error = error

    def wait(self) -> None:
        error, self._error = self._error, None
        if error is not None:
            raise error

    def stop(self) -> None:
        pass


def _once(app: OMSBase, command: Command) -> None:
    app.follower.catch_up()
    batch = Batch(app)
    batch.decide(
        command, KeyLookup(app).records([command.key] if command.key else []).get(command.key or "")
    )
    batch.save()


def _alone(app: OMSBase, command: Command) -> None:
    """Run one command through optimistic concurrency: retried while others win the race;
    any other failure is its caller's."""
    retrying = Retrying(
        retry=retry_if_exception_type(RecordConflictError),
        wait=jittered(multiplier=0.002, max=0.1),  # spreads writers that lost the same race
        stop=stop_before_delay(app.conflict_retry_s),
    )
    try:
        for attempt in retrying:
            with attempt:
                _once(app, command)
    except RetryError:
        conflict = ConcurrencyConflict("other writers kept changing the same records; try again")
        fail(app, command, conflict, "conflict")
    except Exception as error:  # a fault, not a refusal: handed to its caller
        log.exception("the writer failed command %s", command.name)
        if not command.answer.done():
            fail(app, command, error, "error")
