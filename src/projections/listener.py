"""Wakes the projection workers when a writer commits (PostgreSQL LISTEN/NOTIFY)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from psycopg import sql
from psycopg_pool import ConnectionPool

from application.connections import DATABASE_ERRORS
from projections.connect import dedicated_connection

log = logging.getLogger(__name__)


class Listener:
    """A thread holding one dedicated connection that LISTENs on the event log's channel."""

    def __init__(self, pool: ConnectionPool, channel: str, on_notify: Callable[[], None]) -> None:
        self._pool = pool
        self._channel = channel
        self._on_notify = on_notify
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="projections-listen", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stopping.set()
        self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stopping.is_set():
            try:
                self._listen()
            except DATABASE_ERRORS as error:
                log.warning("projection listener lost its connection (%s); reconnecting", error)
                self._stopping.wait(1.0)

    def _listen(self) -> None:
        with dedicated_connection(self._pool) as conn:
            conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(self._channel)))
            self._on_notify()  # whatever was committed while we were not listening
            while not self._stopping.is_set():
                for _ in conn.notifies(timeout=0.2, stop_after=1):
                    self._on_notify()
