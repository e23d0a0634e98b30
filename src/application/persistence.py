"""The event store on PostgreSQL, with every wait for the database bounded in time.

The library's recorder retries a failed statement ten times, each after waiting up to its
pool timeout for a connection, so a command could wait minutes for a database that is
down, and then commit long after its caller gave up. Here:

- waiting for a pooled connection, opening one, a statement and a lock are each bounded
  by `OMS_DATABASE_TIMEOUT` (and `OMS_LOCK_TIMEOUT_MS`); TCP keepalives and a user
  timeout notice a peer that vanished without closing the connection;
- a database restart leaves every pooled connection dead: reads heal the pool and run
  again (`application.connections`); writes come after such a read (the writer catches
  up with the log first);
- no save is sent through psycopg's pipeline, which can wait forever on a large one
  (`application.recorder_sql`);
- writes are never retried: a failure after the COMMIT was sent leaves its outcome
  unknown, and a second try could record the command twice.

`Factory` is named by `PERSISTENCE_MODULE` in `settings.eventsourcing_env`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol, TypeVar
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresFactory,
)
from eventsourcing.utils import EnvType
from psycopg.rows import tuple_row
from psycopg.sql import SQL

from application import binary_arrays as arrays
from application import recorder_sql as sql
from application.connections import bound_pool, read_twice
from application.ddl import ddl_turn, function_exists, table_exists

DATABASE_TIMEOUT = "DATABASE_TIMEOUT"  # key of the eventsourcing environment (seconds)
DEFAULT_TIMEOUT = 4.0  # seconds: with what a request does besides waiting, it fails within 5
T = TypeVar("T")


class Companion(Protocol):
    """Keys that belong in the transaction of the events being stored (those sealing
    their personal data)."""

    def rows_within(self) -> tuple[list[sql.KeyRow], Callable[[], None]] | None:
        """The new keys, and what to do once the transaction committed; None when there
        are none."""


class Recorder(PostgresApplicationRecorder):
    """The library's recorder without its tenfold retries (see the module's notes), storing
    its companions' rows in each transaction that stores events."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.companions: list[Companion] = []
        self._statements: sql.Statements | None = None

    def create_table(self) -> None:
        create_in_turn(self, super().create_table)
        statements = self.statements()
        with self.datastore.get_connection() as guard:
            if not function_exists(guard, statements.function):
                with ddl_turn(guard):
                    guard.execute(statements.create_function)

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        """Store the events and the companions' rows in one transaction; their log
        positions (with the statements of `application.recorder_sql`)."""
        with (
            self.datastore.get_connection() as conn,
            conn.cursor(row_factory=tuple_row) as curs,
        ):
            found = [rows for c in self.companions if (rows := c.rows_within()) is not None]
            keys = [key for rows, _ in found for key in rows]
            ids = sql.save(curs, self.statements(), keys, stored_events)
        for _, done in found:
            done()
        return ids or None

    def statements(self) -> sql.Statements:
        if self._statements is None:
            self._statements = sql.Statements(
                self.datastore.schema,
                self.events_table_name,
                self.datastore.lock_timeout,
                self.channel_name,
            )
        return self._statements

    def select_positioned(self, originator_ids: list[UUID]) -> list[tuple[int, StoredEvent]]:
        """Every stored event of these aggregates with its log position, in one query."""
        return sql.positioned(self._rows(lambda s: s.of_aggregates, [arrays.uuids(originator_ids)]))

    def select_events(self, *args: Any, **kwargs: Any) -> Sequence[StoredEvent]:
        select = _unretried(PostgresApplicationRecorder.select_events)
        return read_twice(self.datastore, lambda: select(self, *args, **kwargs))

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        if start is None or stop is not None or topics:
            select = _unretried(PostgresApplicationRecorder.select_notifications)
            return read_twice(
                self.datastore,
                lambda: select(
                    self, start, limit, stop, topics, inclusive_of_start=inclusive_of_start
                ),
            )
        after = inclusive_of_start is False
        return sql.notifications(
            self._rows(lambda s: s.after if after else s.from_, [start, limit])
        )

    def _rows(self, statement: Callable[[sql.Statements], SQL], params: list[Any]) -> list[Any]:
        """The rows of a read (as tuples), tried again once if its connection had broken."""

        def read() -> list[Any]:
            with (
                self.datastore.get_connection() as conn,
                conn.cursor(row_factory=tuple_row) as curs,
            ):
                return curs.execute(statement(self.statements()), params, prepare=True).fetchall()

        return read_twice(self.datastore, read)

    def max_notification_id(self) -> int | None:
        maximum = _unretried(PostgresApplicationRecorder.max_notification_id)
        return read_twice(self.datastore, lambda: maximum(self))


class SnapshotRecorder(PostgresAggregateRecorder):
    """The library's snapshot recorder, its DDL taking turns like the event table's."""

    def create_table(self) -> None:
        create_in_turn(self, super().create_table)


def create_in_turn(recorder: PostgresAggregateRecorder, create: Callable[[], None]) -> None:
    """The library's DDL (`create`) for `recorder`'s table, one process at a time.

    Processes starting together (`oms serve --workers 2`, `uvicorn --workers 2`) would
    otherwise run `CREATE TABLE IF NOT EXISTS` and friends at the same moment, which
    PostgreSQL may refuse with "tuple concurrently updated" or a duplicate key in its
    catalogue. A session advisory lock on a connection of its own serialises them.
    Where the table exists already (a process restarting), no DDL runs at all: even
    `CREATE INDEX IF NOT EXISTS` queues for a lock on the table and holds up writers.
    """
    datastore = recorder.datastore
    with datastore.get_connection() as guard:
        if table_exists(guard, f"{datastore.schema}.{recorder.events_table_name}"):
            datastore.register_type_adapters()
            return
        with ddl_turn(guard):
            create()


class Factory(PostgresFactory):
    """The library's PostgreSQL factory, with its pool bounded and the `Recorder` above."""

    application_recorder_class = Recorder
    aggregate_recorder_class = SnapshotRecorder

    def __init__(self, env: EnvType | Any) -> None:
        super().__init__(env)
        bound_pool(self.datastore.pool, float(self.env.get(DATABASE_TIMEOUT) or DEFAULT_TIMEOUT))


def _unretried(method: Callable[..., T]) -> Callable[..., T]:
    """The function the library's `@retry` wraps (`functools.wraps` keeps it)."""
    return getattr(method, "__wrapped__", method)
