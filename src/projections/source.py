"""The application's event log as projections read it."""

from __future__ import annotations

import threading
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any

from eventsourcing.application import Mapper
from eventsourcing.persistence import ApplicationRecorder, Notification
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg import Cursor

from application.decoded_events import DecodedEvents
from projections.base import Envelope
from projections.log_reads import LogReads
from projections.parts import Part


@dataclass(frozen=True)
class Chunk:
    """The events after `start` up to `end` (of one projection's topics), read at `head`."""

    start: int
    head: int
    envelopes: list[Envelope]
    end: int


class EventLog:
    """Reads and decodes notifications from the application's recorder.

    `decoded`: where events decoded by other readers are kept (None: each read decodes).
    """

    def __init__(
        self, recorder: ApplicationRecorder, mapper: Mapper, decoded: DecodedEvents | None = None
    ) -> None:
        self.recorder = recorder
        self.mapper = mapper
        self.decoded = decoded if decoded is not None else DecodedEvents(mapper, size=0)
        self._reads = (
            LogReads(recorder) if isinstance(recorder, PostgresApplicationRecorder) else None
        )

    @property
    def channel(self) -> str | None:
        """The LISTEN/NOTIFY channel writers notify on (PostgreSQL recorders only)."""
        return getattr(self.recorder, "channel_name", None)

    def head(self) -> int:
        """The position of the newest event; everything up to it is committed."""
        return self.recorder.max_notification_id() or 0

    def read(self, after: int, stop: int, limit: int, topics: Sequence[str]) -> list[Envelope]:
        """Up to `limit` events with `after` < position <= `stop` and one of `topics`."""
        notifications = self.recorder.select_notifications(
            start=after, stop=stop, limit=limit, topics=list(topics), inclusive_of_start=False
        )
        return self._decoded(notifications)

    def batch(
        self,
        after: int,
        stop: int,
        limit: int,
        topics: Sequence[str],
        part: Part | None = None,
        shared: Sequence[str] = (),
    ) -> tuple[int, list[Envelope]]:
        """Where the next `limit` events of `topics` after `after` end (`stop` if fewer),
        and those events decoded; with `part`, only the part's (and the `shared` topics')
        events count."""
        if part is None:
            notifications = self.recorder.select_notifications(
                start=after, stop=stop, limit=limit, topics=list(topics), inclusive_of_start=False
            )
        else:
            notifications = part.select(self.recorder, after, stop, limit, topics, shared)
        end = notifications[-1].id if len(notifications) >= limit else stop
        return end, self._decoded(notifications)

    def _decoded(self, notifications: Sequence[Notification]) -> list[Envelope]:
        events = self.decoded.of(notifications)
        return [Envelope(n.id, e) for n, e in zip(notifications, events, strict=True)]

    def chunk(
        self, start: int, limit: int, topics: Sequence[str], cur: Cursor[Any] | None = None
    ) -> Chunk:
        """The next chunk after `start`: up to `limit` events, ending at the head if fewer;
        read with `cur` when given (see `LogReads.after`)."""
        if self._reads is None:
            head = self.head()
            if head <= start:
                return Chunk(start, head, [], start)
            envelopes = self.read(start, head, limit, topics)
        else:  # the same in one statement
            head, notifications = self._reads.after(start, limit, topics, cur)
            if head <= start:
                return Chunk(start, head, [], start)
            envelopes = self._decoded(notifications)
        end = envelopes[-1].position if len(envelopes) >= limit else head
        return Chunk(start, head, envelopes, end)


class Reader:
    """Reads one projection's chunks, fetching the next while the current one is applied.

    Events are immutable once committed, so a chunk read ahead is valid whenever the
    projection's position turns out to be where the read started; otherwise it is dropped.
    """

    def __init__(self, log: EventLog, topics: Sequence[str], limit: int) -> None:
        self.log, self.topics, self.limit = log, tuple(topics), limit
        self._ahead: Future[Chunk] | None = None

    @property
    def reading_ahead(self) -> bool:
        """Whether a chunk is being (or was) read ahead: the projection is catching up."""
        return self._ahead is not None

    def keep(self, chunk: Chunk) -> None:
        """Hold `chunk` (read before the batch's transaction began) for the next `after`,
        which takes it if the position is still where the chunk starts."""
        kept: Future[Chunk] = Future()
        kept.set_result(chunk)
        self._ahead = kept

    def after(self, start: int, cur: Cursor[Any] | None = None) -> Chunk:
        """The chunk after `start`: the one read ahead, or one read now (with `cur`, if
        given: the batch's own cursor)."""
        ahead, self._ahead = self._ahead, None
        chunk = ahead.result() if ahead is not None else None
        if chunk is None or chunk.start != start:
            chunk = self.log.chunk(start, self.limit, self.topics, cur)
        if chunk.end < chunk.head:  # more is waiting: read it now, decode it meanwhile
            self._ahead = self._read_ahead(chunk.end)
        return chunk

    def _read_ahead(self, start: int) -> Future[Chunk]:
        future: Future[Chunk] = Future()

        def read() -> None:
            try:
                future.set_result(self.log.chunk(start, self.limit, self.topics))
            except BaseException as error:  # handed to whoever asks for the chunk
                future.set_exception(error)

        threading.Thread(target=read, name="projection-read-ahead", daemon=True).start()
        return future
