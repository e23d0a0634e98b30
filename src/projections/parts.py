"""Parts of a read model's fold: its rows divided by the id of the aggregate they come from.

A read model whose rows each belong to one aggregate (an order's rows to its order) can be
folded in parts, one process each: a part is handed the events of the aggregates it holds,
plus the events every part needs (`Projection.shared_topics`, such as an erasure, which
each part applies to its own rows only). Folded into one schema, the parts give the same
rows as one fold of the whole log.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Notification
from psycopg import sql

from application.connections import read_twice
from application.stored_events import as_notification
from projections.chain import events_table

# A part's events, chosen by PostgreSQL as `Part.holds` chooses (the id's last two bytes,
# read from its binary form: every part reads the whole log, and a text form costs more
# than the rest of the read).
_SELECT = """
    SELECT notification_id, originator_id, originator_version, topic, state FROM {}
    WHERE notification_id > %(after)s AND notification_id <= %(stop)s
    AND topic = ANY(%(topics)s) AND (topic = ANY(%(shared)s)
        OR (get_byte(uuid_send(originator_id), 14) * 256
            + get_byte(uuid_send(originator_id), 15)) %% %(count)s = %(index)s)
    ORDER BY notification_id LIMIT %(limit)s
"""
MAX_PARTS = 1 << 16
# The planner cannot estimate the id test, takes it for rare, and would sort the whole
# table to find a batch (0.8 s a batch at a million events): it walks the log in order.
_IN_LOG_ORDER = """
    SELECT set_config('enable_seqscan', 'off', true), set_config('enable_sort', 'off', true),
    set_config('max_parallel_workers_per_gather', '0', true)
"""


@dataclass(frozen=True)
class Part:
    index: int  # 0 <= index < count
    count: int

    def __post_init__(self) -> None:
        if not 0 <= self.index < self.count <= MAX_PARTS:
            raise ValueError(f"part {self.index} of {self.count} does not exist")

    def holds(self, originator_id: UUID) -> bool:
        """Whether the rows of this aggregate are this part's (ids are random: even parts)."""
        return (originator_id.int & 0xFFFF) % self.count == self.index

    def select(
        self,
        recorder: ApplicationRecorder,
        after: int,
        stop: int,
        limit: int,
        topics: Sequence[str],
        shared: Sequence[str],
    ) -> list[Notification]:
        """Up to `limit` of this part's events after `after` up to `stop` (those of its
        aggregates and of the `shared` topics), read from PostgreSQL's event table."""
        query = sql.SQL(_SELECT).format(events_table(recorder))
        params = {
            "after": after,
            "stop": stop,
            "topics": list(topics),
            "shared": list(shared),
            "count": self.count,
            "index": self.index,
            "limit": limit,
        }
        datastore = recorder.datastore  # type: ignore[attr-defined]

        def read() -> list[Any]:
            with datastore.transaction(commit=False) as cur:
                cur.execute(_IN_LOG_ORDER)
                return cur.execute(query, params, binary=True).fetchall()

        return [as_notification(row) for row in read_twice(datastore, read)]


def all_parts(count: int) -> list[Part]:
    return [Part(index, count) for index in range(count)]
