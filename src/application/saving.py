"""How the OMS stores what its commands decided: events, actors and snapshots.

`save` is the library's, without its per-object protocol checks (an `isinstance` against
a runtime-checkable protocol costs more on Python 3.11 than the rest of collecting an
aggregate's events): aggregates and aggregates' events (which the writer collects itself,
see `application.batch`) go straight in; anything else goes the library's way.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate, CanMutateAggregate, Snapshot
from eventsourcing.persistence import Notification, Recording, StoredEvent

from application.actor import stamp
from application.batch_mapping import to_stored_events
from application.personal_data import PersonalMapper
from application.sealing import SealingApplication

# What `save` takes without the library's checks: aggregates and their events.
_PLAIN = (Aggregate, CanMutateAggregate)


class SavingApplication(SealingApplication):
    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        if kwargs or not all(isinstance(o, _PLAIN) for o in objs):
            return super().save(*objs, **kwargs)
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        for obj in objs:
            if isinstance(obj, Aggregate):
                processing_event.events += obj.collect_events()
                processing_event.aggregates[obj.id] = obj
            else:
                processing_event.events.append(obj)
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)
        self.notify(processing_event.events)  # the library's deprecated hook, as it does
        return recordings

    def _record(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        """The library's, its events mapped in one pass (`application.batch_mapping`)."""
        # Commands stamp their events first; anything saved otherwise is the current actor's.
        stamp(processing_event.events, command=None)
        assert isinstance(self.mapper, PersonalMapper), "a sealing application's mapper"
        events = processing_event.events
        stored = to_stored_events(self.mapper, events)
        positions = self.recorder.insert_events(
            stored, tracking=processing_event.tracking, **processing_event.saved_kwargs
        )
        if self.repository.cache and not self.repository.fastforward:
            for aggregate_id, aggregate in processing_event.aggregates.items():
                self.repository.cache.put(aggregate_id, aggregate)
        return [
            Recording(event, _logged(s, position))
            for event, s, position in zip(events, stored, positions or (), strict=bool(positions))
        ]

    def snapshot_saved(self, events: Sequence[Any], aggregates: Mapping[UUID, Aggregate]) -> None:
        """Snapshots due at the saved `events`, of the `aggregates` they were taken off."""
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        processing_event.events += events
        processing_event.aggregates.update(aggregates)
        self._take_snapshots(processing_event)

    def _take_snapshots(self, processing_event: ProcessingEvent[UUID]) -> None:
        """Snapshots taken from the saved aggregates themselves when they are at the
        snapshot's version (the library reads each one back from the store)."""
        for event in processing_event.events:
            aggregate = processing_event.aggregates.get(event.originator_id)
            if aggregate is None or self.snapshots is None:
                continue
            interval = self.snapshotting_intervals.get(type(aggregate))
            if not interval or event.originator_version % interval:
                continue
            if aggregate.version == event.originator_version:
                snapshot_class = getattr(type(aggregate), "Snapshot", Snapshot)
                self.snapshots.put([snapshot_class.take(aggregate)])
            else:
                self.take_snapshot(event.originator_id, event.originator_version)


def _logged(stored: StoredEvent, position: int) -> Notification:
    return Notification(
        id=position,
        originator_id=stored.originator_id,
        originator_version=stored.originator_version,
        topic=stored.topic,
        state=stored.state,
    )
