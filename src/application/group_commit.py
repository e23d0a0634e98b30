"""The writer's commands in batches, each batch saved in one transaction.

A batch reads the log once (what other processes saved), looks up every idempotency key
in one query, then decides its commands one after another (`application.batch`) and
saves them together; the next batch is decided once this one committed and its callers
were answered. A command whose key is already in the batch is decided in the next one,
answered from the first one's record.

A batch that lost a race with another process (a version conflict) is run again command
by command, each retrying on conflict with backoff, for at most `conflict_retry_s`; a
batch that failed otherwise fails its callers. Either way the writer's copies of what it
changed are dropped, so that what comes next is decided on what is stored.
"""

from __future__ import annotations

import logging
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


def write(app: OMSBase, commands: list[Command]) -> None:
    """Decide and save `commands` in batches of at most about `MAX_EVENTS` events."""
    queued = deque(c for c in commands if c.answer.set_running_or_notify_cancel())
    while queued:
        app.follower.catch_up()
        records = KeyLookup(app).records(c.key for c in queued if c.key)
        batch, later = Batch(app), []
        try:
            while queued and batch.events < MAX_EVENTS:
                command = queued.popleft()
                if command.key is not None and command.key in batch.keys:
                    later.append(command)  # a key twice: the second answered from the first
                else:
                    batch.decide(command, records.get(command.key or ""))
        except BaseException:
            batch.forget()
            raise
        _save(app, batch)
        queued.extendleft(reversed(later))


def _save(app: OMSBase, batch: Batch) -> None:
    try:
        batch.commit()
    except RecordConflictError:
        batch.forget()
        batch.answer_verdicts()
        for command in batch.commands:
            _alone(app, command)
        return
    except Exception as error:  # a fault, not a refusal: each of its callers gets it
        log.exception("the writer failed to save a batch of %d commands", len(batch.decided))
        batch.forget()
        batch.answer_verdicts()
        for command in batch.commands:
            if not command.answer.done():
                fail(app, command, error, "error")
        return
    try:
        batch.settled()
    except Exception:  # committed and answered: the next catch-up reads the log instead
        log.exception("the writer could not settle a saved batch")


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
