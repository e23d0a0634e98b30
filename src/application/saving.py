"""How the OMS stores what its commands decided: events, actors and snapshots.

`save` is the library's, without its per-object protocol checks (an `isinstance` against
a runtime-checkable protocol costs more on Python 3.11 than the rest of collecting an
aggregate's events); anything but aggregates goes the library's way.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from eventsourcing.application import ProcessingEvent
from eventsourcing.domain import Aggregate, Snapshot
from eventsourcing.persistence import Recording

from application.actor import stamp
from application.sealing import SealingApplication


class SavingApplication(SealingApplication):
    def save(self, *objs: Any, **kwargs: Any) -> list[Recording[UUID]]:
        if kwargs or not all(isinstance(o, Aggregate) for o in objs):
            return super().save(*objs, **kwargs)
        processing_event: ProcessingEvent[UUID] = ProcessingEvent()
        for aggregate in objs:
            processing_event.events += aggregate.collect_events()
            processing_event.aggregates[aggregate.id] = aggregate
        recordings = self._record(processing_event)
        self._take_snapshots(processing_event)
        self._notify(recordings)
        self.notify(processing_event.events)  # the library's deprecated hook, as it does
        return recordings

    def _record(self, processing_event: ProcessingEvent[UUID]) -> list[Recording[UUID]]:
        # Commands stamp their events first; anything saved otherwise is the current actor's.
        stamp(processing_event.events, command=None)
        return super()._record(processing_event)

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
