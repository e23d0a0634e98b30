"""A command: what the caller asked for, decided by the writer against its aggregates.

Each OMS command is two methods: a public one with a typed signature (the idempotency key
passed explicitly) that hands a `Command` to `OMSBase.run`, and a decision (`_name`) that
loads aggregates, changes them and returns an `Outcome`. The writer (`application.writer`)
decides queued commands one after another and saves them together (`application.batch`).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import Any

from eventsourcing.domain import Aggregate

from application.actor import Actor
from application.fingerprints import fingerprint, same_request

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
    args: tuple[Any, ...] = ()
    kwargs: dict[str, Any] = field(default_factory=dict)
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
        return cls(name, lambda: decide(*args, **kwargs), key, remembered, actor, args, kwargs)

    def same_request(self, remembered: str) -> bool:
        """Whether an idempotency record's fingerprint is this command's request, in
        whichever format the record was saved."""
        return same_request(remembered, self.name, self.args, self.kwargs, self.fingerprint)


class HandedOff(BaseException):
    """Carries a command's pending answer out of a command method called by `submit`."""

    def __init__(self, answer: Future[Answer]) -> None:
        super().__init__()
        self.answer = answer
