"""The in-memory event store (tests): stored events read with their log positions."""

from __future__ import annotations

from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.popo import POPOApplicationRecorder


def select_positioned(
    recorder: POPOApplicationRecorder, originator_ids: list[UUID]
) -> list[tuple[int, StoredEvent]]:
    """As `persistence.Recorder.select_positioned`, for the library's in-memory recorder.

    It keeps events in one list (position = index + 1) with an index of each aggregate's
    versions, and has no public read of an event's position.
    """
    with recorder._database_lock:
        return [
            (index + 1, recorder._stored_events[index])
            for originator_id in originator_ids
            for index in recorder._stored_events_index.get(str(originator_id), {}).values()
        ]
