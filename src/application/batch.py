"""Group commit: queued commands decided one after another, saved in one transaction.

A batch reads the log once (what other processes saved), looks up every idempotency key
in one query, then decides each command against the writer's aggregates, so a command
sees what the commands before it in the batch decided. All their events and idempotency
records are saved in one transaction; each caller then gets its own answer, with the log
position of its last event. A refused command fails alone: its events are not saved and
the aggregates it loaded are restored (see `Batch.restore`). If another process changed
one of the batch's aggregates first, the save conflicts and the commands are run again
one by one, each retrying on conflict with backoff, for at most `conflict_retry_s`.
"""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError
from tenacity import RetryError, Retrying, retry_if_exception_type, stop_before_delay
from tenacity import wait_random_exponential as jittered

from application.actor import stamp
from application.command import Answer, Command
from application.idempotency import IdempotencyRecord, KeyLookup
from domain.errors import ConcurrencyConflict, DomainError

if TYPE_CHECKING:
    from application.base import OMSBase

# Events one save holds at most, give or take one command's (psycopg hangs on ~3,200).
MAX_EVENTS = 800


def write(app: OMSBase, commands: list[Command]) -> None:
    """Decide and save `commands`; each caller's future gets its answer or error."""
    queued = deque(c for c in commands if c.answer.set_running_or_notify_cancel())
    while queued:
        app.follower.catch_up()
        records = KeyLookup(app).records(c.key for c in queued if c.key)
        batch, later = Batch(app), []
        while queued and batch.events < MAX_EVENTS:
            command = queued.popleft()
            if command.key is not None and command.key in batch.keys:
                later.append(command)  # the same key twice: the second answered from the first
            else:
                batch.decide(command, records.get(command.key or ""))
        try:
            batch.save()
        except RecordConflictError:
            for command in batch.commands:
                _alone(app, command)
        queued.extendleft(reversed(later))


def _once(app: OMSBase, command: Command) -> None:
    app.follower.catch_up()
    batch = Batch(app)
    batch.decide(
        command, KeyLookup(app).records([command.key] if command.key else []).get(command.key or "")
    )
    batch.save()


def _alone(app: OMSBase, command: Command) -> None:
    """Run one command through optimistic concurrency: retried while others win the race."""
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
        _fail(app, command, conflict, "conflict")


class Batch:
    def __init__(self, app: OMSBase) -> None:
        self.app = app
        self.commands: list[Command] = []  # decided, to be saved
        self.keys: set[str] = set()
        self.changed: dict[Any, Aggregate] = {}
        app.writer.unsaved = self.changed  # what commands of this batch see of each other
        self.records: list[Any] = []
        self.events = 0
        # Per command: its answer, its events, and those with its idempotency record's.
        self._answers: list[tuple[Command, Answer, list[Any], list[Any]]] = []
        self._claimed: set[int] = set()  # ids of the events earlier commands decided

    def decide(self, command: Command, record: IdempotencyRecord | None) -> None:
        if record is not None:
            try:
                _finish(self.app, command, record.answer(command.fingerprint), "replayed")
            except DomainError as refusal:
                _fail(self.app, command, refusal, "refused")
            return
        if command.key is not None:
            self.keys.add(command.key)
        writer = self.app.writer
        writer.touched = {}
        try:
            outcome = command.decide()
        except Exception as error:  # handed to its caller (refused, or a fault: 500)
            for aggregate in writer.touched.values():
                self.restore(aggregate)
            _fail(
                self.app, command, error, "refused" if isinstance(error, DomainError) else "error"
            )
            return
        finally:
            writer.touched = {}
        new = [e for a in outcome.changed for e in a.pending_events if id(e) not in self._claimed]
        self._claimed.update(map(id, new))
        stamp(new, command.name, command.actor)
        for aggregate in outcome.changed:
            self.changed[aggregate.id] = aggregate
            writer.cache.put(aggregate.id, aggregate)
        own = list(new)
        if command.key is not None:
            record = IdempotencyRecord.start(command.key, command.fingerprint, outcome.result)
            own += record.collect_events()
            stamp(own, command.name, command.actor)
            self.records += own[len(new) :]
        self.events += len(own)
        self.commands.append(command)
        self._answers.append((command, outcome.result, new, own))

    def restore(self, aggregate: Aggregate) -> None:
        """Undo a refused command's changes: the stored state plus earlier commands' events."""
        kept = [e for e in aggregate.pending_events if id(e) in self._claimed]
        writer = self.app.writer
        if not kept:
            writer.evict(aggregate.id)  # read again from the store when next needed
            return
        restored = self.app.stored(aggregate.id)
        for event in kept:
            restored = event.mutate(restored)
        assert restored is not None
        restored.pending_events.extend(kept)
        writer.cache.put(aggregate.id, restored)
        self.changed[aggregate.id] = restored

    def save(self) -> None:
        if not self.commands:
            return
        try:
            recordings = self.app.save(*self.changed.values(), *self.records)
        except RecordConflictError:
            for command in self.commands:
                self.app.observer.conflicted(command.name)
            self._forget()
            raise
        except BaseException:
            self._forget()
            raise
        self.app.follower.saved(recordings)
        positions = {id(r.domain_event): r.notification.id for r in recordings}
        head = None
        for command, result, new, own in self._answers:
            position = max((positions[id(e)] for e in own), default=None)
            if position is None:
                head = head if head is not None else self.app.head()
                position = head
            self.app.observer.stored(new)
            _finish(self.app, command, {**result, "position": position}, "ok")

    def _forget(self) -> None:
        for aggregate_id in self.changed:
            self.app.writer.evict(aggregate_id)


def _finish(app: OMSBase, command: Command, answer: Answer, outcome: str) -> None:
    app.observer.finished(command.name, time.perf_counter() - command.started, outcome)
    command.answer.set_result(answer)


def _fail(app: OMSBase, command: Command, error: BaseException, outcome: str) -> None:
    app.observer.finished(command.name, time.perf_counter() - command.started, outcome)
    command.answer.set_exception(error)
