"""Whose personal data is being written, known to everything the write does.

`PersonalMapper` sets the data subject of each event it writes (and whether it goes into
the event recorder's transaction); `Sealer` reads both when it seals a field.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from domain.order_values import CustomerDetails

_SUBJECT: ContextVar[str | None] = ContextVar("data_subject", default=None)
# Whether what is being written goes into the event recorder's transaction (its companion
# stores new keys there); anything else (snapshots) stores the keys it uses first.
_WITH_EVENTS: ContextVar[bool] = ContextVar("with_events", default=False)


class NoDataSubject(RuntimeError):
    """Personal data was about to be stored without knowing whose it is."""


@contextmanager
def data_subject(subject: str | None) -> Iterator[None]:
    token = _SUBJECT.set(subject)
    try:
        yield
    finally:
        _SUBJECT.reset(token)


def current_subject() -> str | None:
    return _SUBJECT.get()


@contextmanager
def writing(*, with_events: bool) -> Iterator[None]:
    """What is written in the block goes into the event recorder's transaction, or not."""
    token = _WITH_EVENTS.set(with_events)
    try:
        yield
    finally:
        _WITH_EVENTS.reset(token)


class Writing:
    """`data_subject` and `writing` in one (a class: the mapper enters one per event)."""

    def __init__(self, subject: str | None, *, with_events: bool) -> None:
        self.subject, self.with_events = subject, with_events

    def __enter__(self) -> None:
        self.tokens = _SUBJECT.set(self.subject), _WITH_EVENTS.set(self.with_events)

    def switch(self, subject: str | None) -> None:
        """Write for `subject` from now on, within the block (left as before it)."""
        if subject != self.subject:
            self.subject = subject
            _SUBJECT.set(subject)

    def __exit__(self, *_: object) -> None:
        subject, events = self.tokens
        _WITH_EVENTS.reset(events)
        _SUBJECT.reset(subject)


def with_events() -> bool:
    return _WITH_EVENTS.get()


def subject_of(event: object) -> str | None:
    """Whose personal data an event (or an aggregate's snapshot) holds, if anyone's."""
    subject = getattr(event, "data_subject", None)
    state = getattr(event, "state", None)
    if subject is None and isinstance(state, dict):
        customer = state.get("customer")
        subject = customer.id if isinstance(customer, CustomerDetails) else None
        subject = subject or state.get("customer_id")
    return str(subject) if subject is not None else None
