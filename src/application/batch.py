"""Group commit: queued commands decided one after another, saved in one transaction.

A batch's commands are decided against the writer's aggregates, so a command sees what
the commands before it decided. A refused command fails alone: its events are not saved
and the aggregates it loaded are restored (see `Batch.restore`).

`commit` takes the decided events off the aggregates, stores them and the idempotency
records in one transaction and answers every caller; `settled` then tells the log
follower and takes snapshots. No caller is answered before the transaction committed, a
refused or replayed one included: a refusal may rest on what an earlier command decided.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError, Recording

from application.actor import stamp
from application.command import Answer, Command
from application.idempotency import IdempotencyRecord
from domain.errors import DomainError

if TYPE_CHECKING:
    from application.base import OMSBase

# Events one save holds at most, give or take one command's (psycopg hangs on ~3,200).
MAX_EVENTS = 800


class Batch:
    def __init__(self, app: OMSBase) -> None:
        self.app = app
        self.commands: list[Command] = []  # decided, to be saved
        self.decided: list[Command] = []  # every command decided here, refused ones too
        self.keys: set[str] = set()
        self.changed: dict[Any, Aggregate] = {}
        app.writer.unsaved = self.changed  # what commands of this batch see of each other
        self.records: list[Any] = []
        self.events = 0
        self.sealed: list[Any] = []  # the events to save, taken off their aggregates
        self.recordings: list[Recording[Any]] = []
        # Per command: its answer, its events, and those with its idempotency record's.
        self._answers: list[tuple[Command, Answer, list[Any], list[Any]]] = []
        # Refused and replayed commands: answered once the batch committed.
        self._verdicts: list[tuple[Command, Answer | BaseException, str]] = []
        self._claimed: set[int] = set()  # ids of the events earlier commands decided

    def decide(self, command: Command, record: IdempotencyRecord | None) -> None:
        self.decided.append(command)
        if record is not None:
            try:
                self._verdicts.append((command, record.answer(command), "replayed"))
            except DomainError as refusal:
                self._verdicts.append((command, refusal, "refused"))
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
            outcome_name = "refused" if isinstance(error, DomainError) else "error"
            self._verdicts.append((command, error, outcome_name))
            return
        finally:
            writer.touched = {}
        new = [e for a in outcome.changed for e in a.pending_events if id(e) not in self._claimed]
        self._claimed.update(map(id, new))
        stamp(new, command.name, command.actor)
        for aggregate in outcome.changed:
            aggregate_id = aggregate.id
            self.changed[aggregate_id] = aggregate
            writer.cache.put(aggregate_id, aggregate)
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
        """Undo a refused command's changes: the stored state plus the events of earlier
        commands."""
        kept = [e for e in aggregate.pending_events if id(e) in self._claimed]
        writer = self.app.writer
        if not kept:
            writer.evict(aggregate.id)  # read again from the store when next needed
            return
        restored = self.app.stored(aggregate.id)
        for event in kept:
            # Another process may have stored these versions meanwhile: the save then
            # conflicts, and each command runs again alone.
            if restored is None or event.originator_version > restored.version:
                restored = event.mutate(restored)
        assert restored is not None
        restored.pending_events.extend(kept)
        writer.cache.put(aggregate.id, restored)
        self.changed[aggregate.id] = restored

    def commit(self) -> None:
        """Save the decided events in one transaction, then answer every caller. Raises
        `RecordConflictError` when another process changed one of the aggregates first."""
        for aggregate in self.changed.values():
            self.sealed += aggregate.collect_events()
        self.sealed += self.records
        if self.sealed:
            try:
                self.recordings = self.app.save(*self.sealed)
            except RecordConflictError:
                for command in self.commands:
                    self.app.observer.conflicted(command.name)
                raise
        self.answer_verdicts()
        positions = {id(r.domain_event): r.notification.id for r in self.recordings}
        head = None
        for command, result, new, own in self._answers:
            position = max((positions[id(e)] for e in own), default=None)
            if position is None:
                head = head if head is not None else self.app.head()
                position = head
            self.app.observer.stored(new)
            _finish(self.app, command, {**result, "position": position}, "ok")

    def answer_verdicts(self) -> None:
        for command, verdict, outcome in self._verdicts:
            if isinstance(verdict, BaseException):
                fail(self.app, command, verdict, outcome)
            else:
                _finish(self.app, command, verdict, outcome)
        self._verdicts = []

    def settled(self) -> None:
        """After the commit (on the writer): what was saved is learnt without reading the
        log back, and snapshots are taken where they fall due."""
        self.app.follower.saved(self.recordings)
        self.app.snapshot_saved(self.sealed, self.changed)

    def save(self) -> None:
        """`commit` and `settled` in one go."""
        try:
            self.commit()
        except BaseException:
            self.forget()
            raise
        self.settled()

    def forget(self) -> None:
        """Drop the writer's copies of what the batch changed (its save failed): read
        again from the store when next needed."""
        for aggregate_id in self.changed:
            self.app.writer.evict(aggregate_id)


def _finish(app: OMSBase, command: Command, answer: Answer, outcome: str) -> None:
    app.observer.finished(command.name, time.perf_counter() - command.started, outcome)
    command.answer.set_result(answer)


def fail(app: OMSBase, command: Command, error: BaseException, outcome: str) -> None:
    app.observer.finished(command.name, time.perf_counter() - command.started, outcome)
    command.answer.set_exception(error)
