"""Who caused an event: the caller (API key name and role), the request id and the command.

The edge that takes a request (HTTP middleware, CLI) says who is acting with `acting_as`;
the value lives in a context variable, so it never leaks between requests or threads, and
it follows the request into worker threads that copy the context (FastAPI's threadpool for
`def` endpoints, `anyio.to_thread`). Commands stamp it on their events while they still run
in the caller's context (see `stamp`), so whichever thread later writes them, each event is
stored with the actor who caused it. Policies (work the system does on its own) act under
`Actor.policy(name)`.

The actor is stored as an extra `actor` attribute of the event (the mapper stores every
attribute); events stored before actors were recorded load without one (`actor_of` → None).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

ATTRIBUTE = "actor"
DEV = "dev"
SYSTEM = "system"
POLICY = "policy"


@dataclass(frozen=True)
class Actor:
    """The caller: `role` (an API key's role, `dev`, `system` or `policy`) and a name."""

    role: str
    key_name: str
    request_id: str | None = None

    @classmethod
    def policy(cls, name: str, request_id: str | None = None) -> Actor:
        """A policy acting on its own (e.g. allocating backorders when stock arrives)."""
        return cls(POLICY, name, request_id)

    def record(self, command: str | None) -> dict[str, Any]:
        """What is stored with each event."""
        return {
            "role": self.role,
            "key_name": self.key_name,
            "request_id": self.request_id,
            "command": command,
        }


UNKNOWN = Actor(SYSTEM, "unattributed")
_current: ContextVar[Actor | None] = ContextVar("oms_actor", default=None)


def current_actor() -> Actor:
    """Who is acting in this context (`system`/`unattributed` if no edge said so)."""
    return _current.get() or UNKNOWN


def current_request_id() -> str | None:
    """The id of the request being served in this context, if any."""
    actor = _current.get()
    return actor.request_id if actor is not None else None


@contextmanager
def acting_as(actor: Actor) -> Iterator[Actor]:
    """Everything done inside the block (in this context) is done by `actor`."""
    token = _current.set(actor)
    try:
        yield actor
    finally:
        _current.reset(token)


def stamp(events: Iterable[Any], command: str | None, actor: Actor | None = None) -> None:
    """Record the actor (by default the current one) and command on events lacking one.

    Events are frozen dataclasses; the attribute is set the way their own constructor sets
    fields. It is metadata about the event, not part of the aggregate's state.
    """
    record = (actor or current_actor()).record(command)
    for event in events:
        if ATTRIBUTE not in vars(event):
            object.__setattr__(event, ATTRIBUTE, record)


def actor_of(event: Any) -> dict[str, Any] | None:
    """The stored actor of an event; None for events stored before actors were kept."""
    found = vars(event).get(ATTRIBUTE)
    return found if isinstance(found, dict) else None
