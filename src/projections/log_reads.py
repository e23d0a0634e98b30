"""A projection's read of the log: the head and the events after a position, one statement.

The library's recorder reads the head (`max_notification_id`) and the events in two
statements, each on its own transaction, and composes the second anew at every call. Here
one statement, rendered once, reads both in one snapshot. Writers insert under the events
table's lock and commit before the next insert, so every event up to the head it names is
committed and visible: as good as reading the head first and the events after.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import Notification
from eventsourcing.postgres import PostgresApplicationRecorder
from psycopg import Cursor
from psycopg.rows import tuple_row
from psycopg.sql import SQL, Identifier

from application.connections import read_twice
from application.recorder_sql import notifications

_STATEMENT = """
WITH head AS (SELECT max(notification_id) AS head FROM {events})
SELECT head.head, e.notification_id, e.originator_id, e.originator_version, e.topic, e.state
FROM head LEFT JOIN LATERAL (
    SELECT * FROM {events}
    WHERE notification_id > %s AND notification_id <= head.head AND topic = ANY(%s)
    ORDER BY notification_id LIMIT %s
) e ON TRUE
ORDER BY e.notification_id
"""


class LogReads:
    def __init__(self, recorder: PostgresApplicationRecorder) -> None:
        self.recorder = recorder
        events = SQL("{}.{}").format(
            Identifier(recorder.datastore.schema), Identifier(recorder.events_table_name)
        )
        self._statement = SQL(_STATEMENT).format(events=events).as_string().encode()

    def after(
        self, start: int, limit: int, topics: Sequence[str], cur: Cursor[Any] | None = None
    ) -> tuple[int, list[Notification]]:
        """The head, and up to `limit` events of `topics` with `start` < position <= head;
        read with `cur` (a tuple-row cursor on the same database, such as the batch's own:
        one round trip) or else on the event store's pool."""
        datastore = self.recorder.datastore
        params = (start, list(topics), limit)

        def read() -> list[tuple[Any, ...]]:
            with datastore.get_connection() as conn, conn.cursor(row_factory=tuple_row) as own:
                return own.execute(self._statement, params, prepare=True).fetchall()

        if cur is None:
            rows = read_twice(datastore, read)
        else:
            rows = cur.execute(self._statement, params, prepare=True).fetchall()
        head = rows[0][0] or 0
        return head, notifications([row[1:] for row in rows if row[1] is not None])
