"""A save's events mapped to stored events in one pass (what the library does per event).

The library's mapper, per event: enters the event's data subject for the sealer, copies
the event's attributes, finds its topic and class version, and encodes them. Here the
subject is set only when it changes from one event to the next (a placement's events are
one customer's), each class's topic and version are found once, and the stored event is
built directly: the same bytes as `PersonalMapper.to_stored_event`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.domain import Snapshot
from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import get_topic

from application.personal_data import PersonalMapper
from application.subject_context import Writing, current_subject, subject_of

# Each event class's topic and class version (the version written only when above 1).
_KINDS: dict[type, tuple[str, int]] = {}


def to_stored_events(mapper: PersonalMapper, events: Sequence[Any]) -> list[StoredEvent]:
    """The events as the mapper stores them, each written for its own data subject (or the
    caller's, for an event that names none), in one pass."""
    if mapper.compressor is not None or mapper.cipher is not None:
        return [mapper.to_stored_event(event) for event in events]
    encode, callers = mapper.transcoder.encode, current_subject()
    stored: list[StoredEvent] = []
    writing = Writing(callers, with_events=True)
    with writing:
        for event in events:
            if isinstance(event, Snapshot):  # stored apart from the events: its own way
                stored.append(mapper.to_stored_event(event))
                continue
            writing.switch(subject_of(event) or callers)
            kind = type(event)
            found = _KINDS.get(kind)
            if found is None:
                found = _KINDS[kind] = (get_topic(kind), getattr(kind, "class_version", 1))
            state = dict(vars(event))
            originator_id = state.pop("originator_id")
            originator_version = state.pop("originator_version")
            if found[1] > 1:
                state["class_version"] = found[1]
            stored.append(StoredEvent(originator_id, originator_version, found[0], encode(state)))
    return stored
