"""A command: what the caller asked for, decided by the writer against its aggregates.

Each OMS command is two methods: a public one with a typed signature (the idempotency key
passed explicitly) that hands a `Command` to `OMSBase.run`, and a decision (`_name`) that
loads aggregates, changes them and returns an `Outcome`. The writer (`application.writer`)
decides queued commands one after another and saves them together (`application.batch`).
"""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.domain import Aggregate

from application.actor import Actor

Answer = dict[str, Any]


@dataclass
class Outcome:
    """What a command decided: the answer for the caller and the aggregates it changed."""

    result: dict[str, Any]
    changed: Sequence[Aggregate] = field(default_factory=list)


@dataclass(eq=False)
class Command:
    """A caller's request on its way through the writer, and the future its answer goes to."""

    name: str
    decide: Callable[[], Outcome]
    key: str | None
    fingerprint: str
    actor: Actor
    answer: Future[Answer] = field(default_factory=Future)
    started: float = field(default_factory=time.perf_counter)

    @classmethod
    def of(
        cls,
        actor: Actor,
        key: str | None,
        decide: Callable[..., Outcome],
        args: tuple[Any, ...],
        kwargs: dict[str, Any],
    ) -> Command:
        name = decide.__name__.lstrip("_")
        # Only an idempotency record compares fingerprints: an unkeyed command needs none.
        remembered = fingerprint(name, args, kwargs) if key is not None else ""
        return cls(name, lambda: decide(*args, **kwargs), key, remembered, actor)


class HandedOff(BaseException):
    """Carries a command's pending answer out of a command method called by `submit`."""

    def __init__(self, answer: Future[Answer]) -> None:
        super().__init__()
        self.answer = answer


def fingerprint(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    """What an idempotency record remembers of its request, to refuse a different one."""

    def plain(value: Any) -> Any:
        dump = getattr(value, "model_dump", None)
        return dump(mode="json") if dump else str(value)

    body = json.dumps(
        [name, [plain(a) for a in args], {k: plain(v) for k, v in kwargs.items()}], sort_keys=True
    )
    return hashlib.sha256(body.encode()).hexdigest()
