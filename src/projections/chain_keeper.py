"""A background thread that keeps the hash chain current and seals it periodically."""

from __future__ import annotations

import logging
import threading
from datetime import timedelta

import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool

from projections import seals
from projections.chain import ensure_schema, extend

log = logging.getLogger(__name__)


class ChainKeeper:
    """Chains new events every `interval` seconds and seals every `seal_every`."""

    def __init__(
        self,
        pool: ConnectionPool,
        events: sql.Identifier,
        *,
        seal_every: timedelta = timedelta(hours=1),
        interval: float = 1.0,
    ) -> None:
        self.pool, self.events = pool, events
        self.seal_every, self.interval = seal_every, interval
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None
        self.error: str | None = None

    def start(self) -> None:
        with self.pool.connection() as conn:
            ensure_schema(conn)
        self._stopping.clear()
        self._thread = threading.Thread(target=self._run, name="audit-chain", daemon=True)
        self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        self._stopping.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def step(self) -> bool:
        """Chain one batch and seal if due; True when the chain reached the log's head."""
        with self.pool.connection() as conn:
            caught_up = extend(conn, self.events).caught_up
            if caught_up and seals.due(conn, self.seal_every):
                made = seals.seal(conn, self.events)
                log.info("sealed the hash chain at position %d", made.position)
        return caught_up

    def _run(self) -> None:
        backoff = 0.0
        while not self._stopping.is_set():
            try:
                caught_up = self.step()
            except psycopg.Error as error:  # logged, reported by `error`, retried
                log.exception("hash chain: extending failed; retrying")
                self.error = f"{type(error).__name__}: {error}"
                backoff = min(max(backoff * 2, 0.5), 30.0)
                self._stopping.wait(backoff)
                continue
            self.error, backoff = None, 0.0
            if caught_up:
                self._stopping.wait(self.interval)
