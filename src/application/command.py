"""Running a command: decide, save in one transaction, retry on conflict, answer once."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import wraps
from typing import TYPE_CHECKING, Any, Concatenate, ParamSpec, TypeVar

from eventsourcing.domain import Aggregate
from eventsourcing.persistence import RecordConflictError
from tenacity import (
    RetryError,
    Retrying,
    retry_if_exception_type,
    stop_before_delay,
    wait_random_exponential,
)

from application.actor import Actor, current_actor, stamp
from application.idempotency import IdempotencyRecord, record_id
from domain.errors import ConcurrencyConflict, DomainError, NotAllowed

if TYPE_CHECKING:
    from application.base import OMSBase

P = ParamSpec("P")
App = TypeVar("App", bound="OMSBase")


@dataclass
class Outcome:
    """What a command decided: the answer for the caller and the aggregates it changed."""

    result: dict[str, Any]
    changed: Sequence[Aggregate] = field(default_factory=list)


def command(method: Callable[Concatenate[App, P], Outcome]) -> Callable[..., dict[str, Any]]:
    """Make an OMS method a command: saved atomically, retried on conflict, idempotent.

    The command also takes the keyword `idempotency_key` (so its signature is loosened to
    `...` for type checkers): a repeat with the same key returns the first answer, and a
    different request under a used key is refused.
    """

    @wraps(method)
    def run(app: App, *args: P.args, **kwargs: P.kwargs) -> dict[str, Any]:
        name, started, outcome = method.__name__.lstrip("_"), time.perf_counter(), "error"
        try:
            answer, outcome = _run(app, method, args, kwargs)
            return answer
        except ConcurrencyConflict:
            outcome = "conflict"
            raise
        except DomainError:
            outcome = "refused"
            raise
        finally:
            app.observer.finished(name, time.perf_counter() - started, outcome)

    return run


def _run(
    app: OMSBase, method: Callable[..., Outcome], args: Any, kwargs: dict[str, Any]
) -> tuple[dict[str, Any], str]:
    """Decide and save, retrying on conflict: the answer and `ok` (or `replayed`)."""
    key = kwargs.pop("idempotency_key", None)
    fingerprint = _fingerprint(method.__name__, args, kwargs)
    actor, name = current_actor(), method.__name__.lstrip("_")
    replayed = False

    def attempt() -> dict[str, Any]:
        nonlocal replayed
        app.follower.catch_up()
        if key is not None and (answer := _replay(app, str(key), fingerprint)):
            replayed = True
            return answer
        outcome = method(app, *args, **kwargs)
        record = None
        if key is not None:
            record = IdempotencyRecord.start(str(key), fingerprint, outcome.result)
        changed = [*outcome.changed, *([record] if record else [])]
        _stamp(changed, name, actor)
        events = [e for aggregate in outcome.changed for e in aggregate.pending_events]
        try:
            recordings = app.save(*changed)
        except RecordConflictError:
            app.observer.conflicted(name)
            for aggregate in outcome.changed:
                app.evict(aggregate.id)
            raise
        app.observer.stored(events)
        position = recordings[-1].notification.id if recordings else app.head()
        if record is not None:
            record.complete(position)
            _stamp([record], name, actor)
            app.save(record)
        return {**outcome.result, "position": position}

    deadline = time.monotonic() + app.conflict_retry_s
    tries = 0

    def attempt_in_turn() -> dict[str, Any]:
        nonlocal tries
        tries += 1
        with app.turns.take(retry=tries > 1, deadline=deadline):
            return attempt()

    try:
        answer = _retrying(app.conflict_retry_s)(attempt_in_turn)
    except RetryError:
        raise ConcurrencyConflict(
            "other writers kept changing the same records; try again"
        ) from None
    return answer, "replayed" if replayed else "ok"


def _stamp(aggregates: Sequence[Aggregate], command: str, actor: Actor) -> None:
    """Name the actor and command on the new events while still in the caller's context."""
    for aggregate in aggregates:
        stamp(aggregate.pending_events, command, actor)


def _retrying(budget_s: float) -> Retrying:
    """Retry on conflicts with exponential backoff and full jitter, for at most `budget_s`.

    The jitter spreads writers that lost the same race, so they do not collide again;
    the budget bounds how long a caller waits before an honest 409.
    """
    return Retrying(
        retry=retry_if_exception_type(RecordConflictError),
        wait=wait_random_exponential(multiplier=0.002, max=0.1),
        stop=stop_before_delay(budget_s),
    )


def _replay(app: OMSBase, key: str, fingerprint: str) -> dict[str, Any] | None:
    record = app.find(record_id(key))
    if record is None:
        return None
    assert isinstance(record, IdempotencyRecord)
    if record.fingerprint != fingerprint:
        raise NotAllowed(f"Idempotency-Key {key!r} was already used for a different request")
    position = record.position if record.position is not None else app.head()
    return {**record.result, "position": position}


def _fingerprint(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    def plain(value: Any) -> Any:
        dump = getattr(value, "model_dump", None)
        return dump(mode="json") if dump else str(value)

    body = json.dumps(
        [name, [plain(a) for a in args], {k: plain(v) for k, v in kwargs.items()}], sort_keys=True
    )
    return hashlib.sha256(body.encode()).hexdigest()
