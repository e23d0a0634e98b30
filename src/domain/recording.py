"""Recording an aggregate's new events: the library's `_create` and `trigger_event` without
their checks per event, for the aggregates a placement records several events on.

Per event, the library checks that the event class's explicit topic is registered (every
event class registers its topic when it is defined, and `tests/unit/domain/test_topics.py`
pins them all), copies the keyword arguments twice and, on creation, works out which of
them make an id (these aggregates are always given theirs). The events are the same: the
same frozen dataclasses, built by their own `__init__` and applied by their own `mutate`,
with the same id, version and timestamp (the time now in the library's `TZINFO`, read
as its `datetime_now_with_tzinfo` reads it, without that call); a snapshot or a replay
reads them as before.

On creation, when the event's fields beside the library's are exactly the parameters of
the aggregate's `__init__`, the aggregate is initialised as the first event's `mutate`
initialises it (the library's base `__init__`, the aggregate's own with those values, then
the event's `apply`), without resolving the class from its topic or filtering the event's
fields by each method's signature.
"""

from __future__ import annotations

import inspect
from datetime import datetime
from functools import cache
from typing import Any, TypeVar
from uuid import UUID

import eventsourcing.domain as library
from eventsourcing.domain import Aggregate, BaseAggregate, CanMutateAggregate
from eventsourcing.utils import get_topic

A = TypeVar("A", bound=Aggregate)


def create(
    cls: type[A], event_class: type[Aggregate.Created], aggregate_id: UUID, **kwargs: Any
) -> A:
    """A new aggregate of `cls`, from its first event (`Aggregate._create`)."""
    event = event_class(
        originator_topic=get_topic(cls),
        originator_id=aggregate_id,
        originator_version=cls.INITIAL_VERSION,
        timestamp=datetime.now(library.TZINFO),  # as `datetime_now_with_tzinfo()`
        **kwargs,
    )
    aggregate: A
    if kwargs.keys() == _init_parameters(cls):
        aggregate = cls.__new__(cls)
        aggregate.__base_init__(aggregate_id, cls.INITIAL_VERSION, event.timestamp)
        aggregate.__init__(**kwargs)  # type: ignore[misc]
        event.apply(aggregate)
    else:
        aggregate = event.mutate(None)  # type: ignore[assignment]
    aggregate.pending_events.append(event)
    return aggregate


@cache
def _init_parameters(cls: type[Aggregate]) -> frozenset[str] | None:
    """The names `cls.__init__` takes, when it does not take the id (which the library
    then passes too); None otherwise (no shortcut)."""
    names = frozenset(inspect.signature(cls.__init__).parameters) - {"self"}
    return None if "id" in names else names


def trigger_event(
    aggregate: BaseAggregate[UUID], event_class: type[CanMutateAggregate[UUID]], **kwargs: Any
) -> None:
    """Record the aggregate's next event (`Aggregate.trigger_event`): built, applied, kept
    pending until saved. An event with the library's `mutate` is applied as it applies
    it, without its checks that the event is the aggregate's next (it is made so here)."""
    version, timestamp = aggregate._version + 1, datetime.now(library.TZINFO)
    event = event_class(  # type: ignore[call-arg]  # the protocol types no fields, events do
        originator_id=aggregate._id, originator_version=version, timestamp=timestamp, **kwargs
    )
    if event_class.mutate is _MUTATE:
        event.apply(aggregate)
        aggregate._version, aggregate._modified_on = version, timestamp
    else:
        event.mutate(aggregate)
    aggregate._pending_events.append(event)


_MUTATE = CanMutateAggregate.mutate
