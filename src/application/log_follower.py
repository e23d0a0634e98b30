"""Follows the application's event log so this process's view of it stays current.

Aggregates are cached without a database round trip per load. Before each command the
follower reads what was recorded since it last looked (one query) and evicts cached
aggregates that some other writer has moved on; anything it still misses shows up as a
version conflict at save time, which evicts and retries. The same pass feeds the
in-process indexes (the network for sourcing, the accounts for hold rules) the events
they need.
"""

from __future__ import annotations

from collections.abc import Sequence
from threading import Lock
from typing import TYPE_CHECKING, Protocol
from uuid import UUID

from eventsourcing.persistence import Notification, OperationalError, Recording

if TYPE_CHECKING:
    from application.base import OMSBase


class Index(Protocol):
    """Something kept current from the log: the topics it wants, and how it learns one."""

    TOPICS: frozenset[str]

    def learn(self, event: object) -> None: ...


class LogFollower:
    def __init__(
        self, app: OMSBase, indexes: Sequence[Index], batch: int = 1000, wait: float | None = None
    ) -> None:
        """`wait`: seconds a command waits for another's catch-up (None: as long as it takes).

        While the database does not answer, every catch-up takes the whole database
        timeout; without a bound, commands queued here would fail one timeout apart.
        """
        self._app = app
        self._indexes = indexes
        self._topics = frozenset().union(*(index.TOPICS for index in indexes))
        self._batch = batch
        self._lock = Lock()
        self._wait = -1 if wait is None else wait
        self._position = 0

    def catch_up(self) -> None:
        if not self._lock.acquire(timeout=self._wait):
            raise OperationalError("the event log could not be read in time")
        try:
            self._catch_up()
        finally:
            self._lock.release()

    def saved(self, recordings: Sequence[Recording[UUID]]) -> None:
        """Learn what this process just saved without reading it back (no decoding), when
        it directly follows what was read: else the next catch-up reads it as usual."""
        if not recordings or not self._lock.acquire(blocking=False):
            return
        try:
            if recordings[0].notification.id != self._position + 1:
                return
            for recording in recordings:
                topic = recording.notification.topic
                if topic in self._topics:
                    for index in self._indexes:
                        if topic in index.TOPICS:
                            index.learn(recording.domain_event)
            self._position = recordings[-1].notification.id
        finally:
            self._lock.release()

    def _catch_up(self) -> None:
        while True:
            notifications = self._app.recorder.select_notifications(
                start=self._position, limit=self._batch, inclusive_of_start=False
            )
            events = self._decoded([n for n in notifications if n.topic in self._topics])
            for notification in notifications:
                oid = notification.originator_id
                self._app.evict_if_older(
                    oid if type(oid) is UUID else UUID(str(oid)), notification.originator_version
                )
                if notification.topic in self._topics:
                    event = events[notification.id]
                    for index in self._indexes:
                        if notification.topic in index.TOPICS:
                            index.learn(event)
                self._position = notification.id
            if len(notifications) < self._batch:
                return

    def _decoded(self, notifications: Sequence[Notification]) -> dict[int, object]:
        """The events by position, decoded once in this process (`DecodedEvents`)."""
        if not notifications:
            return {}
        events = self._app.decoded.of(notifications)
        return dict(zip((n.id for n in notifications), events, strict=True))
