"""Wakes the projection workers when a writer commits or a reader waits (LISTEN/NOTIFY)."""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping

from psycopg import sql
from psycopg_pool import ConnectionPool

from application.connections import DATABASE_ERRORS
from projections.connect import dedicated_connection

log = logging.getLogger(__name__)

OnNotify = Callable[[str], None]  # given the notification's payload


class Listener:
    """A thread holding one dedicated connection that LISTENs on the given channels.

    `handlers`: what to call for a notification on each channel; `on_listening`: called
    whenever listening (re)starts, for whatever was sent while nobody listened.
    """

    def __init__(
        self,
        pool: ConnectionPool,
        handlers: Mapping[str, OnNotify],
        on_listening: Callable[[], None],
    ) -> None:
        self._pool = pool
        self._handlers = dict(handlers)
        self._on_listening = on_listening
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
            for channel in self._handlers:
                conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
            self._on_listening()
            while not self._stopping.is_set():
                for notify in conn.notifies(timeout=0.2, stop_after=1):
                    self._handlers[notify.channel](notify.payload)
