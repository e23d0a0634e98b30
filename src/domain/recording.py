"""Recording an aggregate's new events: the library's `_create` and `trigger_event` without
their checks per event, for the aggregates a placement records several events on.

Per event, the library checks that the event class's explicit topic is registered (every
event class registers its topic when it is defined, and `tests/unit/domain/test_topics.py`
pins them all), copies the keyword arguments twice and, on creation, works out which of
them make an id (these aggregates are always given theirs). The events are the same: the
same frozen dataclasses, built by their own `__init__` and applied by their own `mutate`,
with the same id, version and timestamp; a snapshot or a replay reads them as before.
"""

from __future__ import annotations

from typing import Any, TypeVar
from uuid import UUID

from eventsourcing.domain import (
    Aggregate,
    BaseAggregate,
    CanMutateAggregate,
    datetime_now_with_tzinfo,
)
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
        timestamp=datetime_now_with_tzinfo(),
        **kwargs,
    )
    aggregate: A = event.mutate(None)  # type: ignore[assignment]
    aggregate.pending_events.append(event)
    return aggregate


def trigger_event(
    aggregate: BaseAggregate[UUID], event_class: type[CanMutateAggregate[UUID]], **kwargs: Any
) -> None:
    """Record the aggregate's next event (`Aggregate.trigger_event`): built, applied, kept
    pending until saved."""
    event = event_class(  # type: ignore[call-arg]  # the protocol types no fields, events do
        originator_id=aggregate.id,
        originator_version=aggregate.version + 1,
        timestamp=datetime_now_with_tzinfo(),
        **kwargs,
    )
    event.mutate(aggregate)
    aggregate.pending_events.append(event)
