"""Wakes the read side's waiters when a read model moves on (LISTEN `oms_read_models`).

One listening connection per process; subscriptions and read-your-writes waits take
`next_change()` before they read and wait on it with `after()` instead of polling the
tables. While the listener is down (the database restarted, say) there is no change to
wait on and they fall back to their short poll.

Every batch of every read model notifies, dozens a second under writes, and this runs on
the event loop that answers the commands. So the connection's socket is watched by one
reader callback for as long as it is open, which reads what arrived and wakes the waiters
once for all the notifications read. (psycopg's `notifies()` generator added and removed
the reader, and armed a timer, for every wait, and woke up ten times a second besides.)
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

import psycopg
from psycopg import AsyncConnection, sql
from psycopg.pq.abc import PGconn

from projections.announce import CHANNEL

log = logging.getLogger(__name__)
RECONNECT_DELAY = 1.0  # seconds


class ReadModelSignal:
    def __init__(self, url: str, options: dict[str, Any] | None = None) -> None:
        """`options` go to the listening connection (timeouts, keepalives)."""
        self._url = url
        self._options = options or {}
        self._changed = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self.listening = False

    async def start(self) -> None:
        """Start listening in the background (returns once listening, or after 5 s)."""
        self._task = asyncio.create_task(self._run(), name="read-model-signal")
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._started(), timeout=5.0)

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self.listening = False

    def next_change(self) -> asyncio.Event | None:
        """An event set at the next change of a read model, None while not listening.

        Take it *before* reading the read models and wait on it after: a change that
        commits in between has set it already, so it is not missed.
        """
        return self._changed if self.listening else None

    def _notify(self) -> None:
        """Wake everyone waiting now; later waiters wait for the next change."""
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    async def _started(self) -> None:
        while not self.listening:
            await asyncio.sleep(0.01)

    async def _run(self) -> None:
        while True:
            try:
                await self._listen()
            except (psycopg.OperationalError, OSError) as error:
                log.warning("read model listener lost its connection (%s); reconnecting", error)
            except Exception:  # never leave waiters on a signal that no longer listens
                log.exception("read model listener failed; starting again")
            self.listening = False
            self._notify()  # waiters look for themselves while we are away
            await asyncio.sleep(RECONNECT_DELAY)

    async def _listen(self) -> None:
        connect = AsyncConnection.connect(self._url, **{**self._options, "autocommit": True})
        async with await connect as conn:
            await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(CHANNEL)))
            loop = asyncio.get_running_loop()
            lost: asyncio.Future[None] = loop.create_future()
            socket = conn.pgconn.socket
            loop.add_reader(socket, self._read, conn.pgconn, lost)
            try:
                self.listening = True
                self._notify()  # whatever moved while we were not listening
                await lost  # raises what ended the connection
            finally:
                loop.remove_reader(socket)

    def _read(self, pgconn: PGconn, lost: asyncio.Future[None]) -> None:
        """What arrived on the listening connection: any notifications wake the waiters."""
        try:
            pgconn.consume_input()
        except psycopg.OperationalError as error:  # the connection is gone
            if not lost.done():
                lost.set_exception(error)
            return
        notified = False
        while pgconn.notifies() is not None:
            notified = True
        if notified:
            self._notify()


async def after(change: asyncio.Event | None, *, poll: float, longest: float) -> None:
    """Until `change` is set (`longest` seconds at most); without one, `poll` seconds."""
    if change is None:
        await asyncio.sleep(poll)
        return
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(change.wait(), longest)
