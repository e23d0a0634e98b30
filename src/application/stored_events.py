"""Reads of the event store the library's recorder does not offer: events with their log
positions by aggregate, and chosen versions of one aggregate, each in one query.

On PostgreSQL they are plain SQL on the events table (its primary key is the aggregate id
and version); the in-memory store of the tests is scanned instead.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from psycopg.sql import SQL, Composed, Identifier

from application.connections import read_twice

if TYPE_CHECKING:
    from application.base import OMSBase

_BY_AGGREGATES = SQL(
    "SELECT notification_id, originator_id, originator_version, topic, state "
    "FROM {schema}.{table} WHERE originator_id = ANY(%s) ORDER BY notification_id"
)
_AT_VERSIONS = SQL(
    "SELECT notification_id, originator_id, originator_version, topic, state "
    "FROM {schema}.{table} WHERE originator_id = %s AND originator_version = ANY(%s) "
    "ORDER BY originator_version"
)

_NEWEST = SQL(
    "SELECT DISTINCT ON (originator_id) notification_id, originator_id, originator_version, "
    "topic, state FROM {schema}.{table} WHERE originator_id = ANY(%s) "
    "ORDER BY originator_id, originator_version DESC"
)


class StoredEvents:
    def __init__(self, app: OMSBase) -> None:
        self.app = app
        self.datastore: Any = getattr(app.recorder, "datastore", None)

    def of_aggregates(self, ids: Sequence[UUID]) -> list[Notification]:
        """Every stored event of these aggregates, with its position, in log order."""
        if self.datastore is None:
            wanted = set(ids)
            log = self.app.recorder.select_notifications(1, sys.maxsize)
            return [n for n in log if n.originator_id in wanted]
        return self._query(_BY_AGGREGATES, (list(ids),))

    def at_versions(self, aggregate_id: UUID, versions: Sequence[int]) -> list[StoredEvent]:
        """The aggregate's events at these versions (those that exist), oldest first."""
        if self.datastore is None:
            found: list[StoredEvent] = []
            for version in versions:
                found += self.app.recorder.select_events(
                    aggregate_id, gt=version - 1, lte=version, limit=1
                )
            return found
        return list(self._query(_AT_VERSIONS, (aggregate_id, list(versions))))

    def newest(self, ids: Sequence[UUID]) -> dict[UUID, StoredEvent]:
        """The newest stored event of each of these aggregates (those that have any)."""
        if self.datastore is None:
            found = {i: self.app.recorder.select_events(i, desc=True, limit=1) for i in ids}
            return {i: events[0] for i, events in found.items() if events}
        return {UUID(str(e.originator_id)): e for e in self._query(_NEWEST, (list(ids),))}

    def _query(self, query: SQL, params: tuple[Any, ...]) -> list[Notification]:
        composed: Composed = query.format(
            schema=Identifier(self.datastore.schema),
            table=Identifier(self.app.recorder.events_table_name),  # type: ignore[attr-defined]
        )

        def read() -> list[Any]:
            with self.datastore.transaction(commit=False) as cursor:
                return cursor.execute(composed, params).fetchall()

        return [as_notification(row) for row in read_twice(self.datastore, read)]


def as_notification(row: Mapping[str, Any]) -> Notification:
    """A row of the event table (every column, by name) as the library's notification."""
    return Notification(
        id=row["notification_id"],
        originator_id=row["originator_id"],
        originator_version=row["originator_version"],
        topic=row["topic"],
        state=bytes(row["state"]),
    )
