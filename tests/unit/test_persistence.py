"""The event store's recorder: writes tried once, reads once more only on a broken connection."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from uuid import uuid4

import psycopg
import pytest
from eventsourcing.persistence import OperationalError, StoredEvent
from psycopg_pool import ConnectionPool, PoolTimeout

from application.connections import bound_pool, connection_options, is_lost_connection
from application.persistence import Recorder


class FailingDatastore:
    """Stands in for the library's datastore: every connection fails as the library says."""

    schema = "public"
    enable_db_functions = False

    def __init__(self, cause: Exception) -> None:
        self.cause = cause
        self.attempts = 0
        self.pool = CheckedPool()

    @contextmanager
    def get_connection(self) -> Iterator[Any]:
        self.attempts += 1
        raise OperationalError(str(self.cause)) from self.cause
        yield  # pragma: no cover


class CheckedPool:
    """Counts the checks of its idle connections a recorder asks for."""

    def __init__(self) -> None:
        self.checks = 0

    def check(self) -> None:
        self.checks += 1


def recorder_on(datastore: FailingDatastore) -> Recorder:
    recorder = Recorder.__new__(Recorder)  # no tables: nothing here reaches a database
    recorder.datastore = datastore  # type: ignore[assignment]
    recorder.events_table_name = "oms_events"
    return recorder


def test_a_write_that_fails_is_not_tried_again() -> None:
    # The library would try ten times: after a lost COMMIT, a second try could record twice.
    datastore = FailingDatastore(psycopg.OperationalError("server closed the connection"))
    with pytest.raises(OperationalError):
        recorder_on(datastore).insert_events([StoredEvent(uuid4(), 1, "topic", b"{}")])
    assert datastore.attempts == 1


def test_a_read_on_a_broken_connection_has_the_pool_drop_its_dead_and_is_tried_once_more() -> None:
    datastore = FailingDatastore(psycopg.OperationalError("server closed the connection"))
    with pytest.raises(OperationalError):
        recorder_on(datastore).max_notification_id()
    assert datastore.attempts == 2
    assert datastore.pool.checks == 1


def test_a_read_that_waited_out_the_pool_timeout_is_not_tried_again() -> None:
    datastore = FailingDatastore(PoolTimeout("couldn't get a connection after 4.00 sec"))
    with pytest.raises(OperationalError):
        recorder_on(datastore).select_notifications(start=0, limit=10)
    assert datastore.attempts == 1
    assert datastore.pool.checks == 0


def test_statement_timeouts_and_refusals_are_not_lost_connections() -> None:
    assert is_lost_connection(psycopg.OperationalError("server closed the connection"))
    assert not is_lost_connection(PoolTimeout("couldn't get a connection"))
    assert not is_lost_connection(psycopg.errors.QueryCanceled("statement timeout"))
    assert not is_lost_connection(ValueError("not a database error"))


def test_a_pool_built_by_the_library_is_bounded_before_it_opens() -> None:
    pool: ConnectionPool[Any] = ConnectionPool("dbname=x", kwargs={}, open=False, timeout=30)
    bound_pool(pool, 1.5)
    assert pool.timeout == 1.5
    assert pool.reconnect_timeout == 3.0
    assert pool.kwargs == connection_options(1.5)
    assert pool.kwargs["options"] == "-c statement_timeout=1500"
    assert pool.kwargs["connect_timeout"] == 2
