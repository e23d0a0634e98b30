"""Readers waiting for a position: a worker behind it starts its next batch without
waiting out the rest of its gap.

A read with `X-OMS-Consistent-After` that finds the read models short of its position says
so once: in process by `ProjectionRunner.hurry`, from another process by a NOTIFY on
`CHANNEL` whose payload is the position. Each worker keeps the highest position wanted of
it since its last batch began; its gap is cut short only while that is ahead of where the
worker stands, and a batch starting takes it, so however many reads ask during one gap,
the worker starts early once, and reads for a position already applied start nothing.
"""

from __future__ import annotations

import logging
import threading
import time

log = logging.getLogger(__name__)

CHANNEL = "oms_read_wanted"


def asking(position: int) -> tuple[str, str]:
    """The channel and payload asking the projectors for `position`."""
    return CHANNEL, str(position)


def asked(payload: str) -> int | None:
    """The position a NOTIFY on `CHANNEL` asks for; None (logged) for a malformed one."""
    if payload.isascii() and payload.isdigit():
        return int(payload)
    log.warning("ignoring a NOTIFY on %s that is not a log position: %r", CHANNEL, payload)
    return None


class Wanted:
    """The highest position readers want of one worker, and the wait that it cuts short."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._position = 0
        self._asked = threading.Event()

    def want(self, position: int) -> None:
        with self._lock:
            if position <= self._position:
                return
            self._position = position
        self._asked.set()

    def take(self) -> None:
        """A batch is starting: it serves whatever was wanted so far."""
        with self._lock:
            self._position = 0
            self._asked.clear()

    def interrupt(self) -> None:
        """End a `wait` in progress (the runner is stopping)."""
        self._asked.set()

    def wait(self, seconds: float, reached: int, stopping: threading.Event) -> None:
        """Up to `seconds`, less once a reader wants more than `reached` or on `stopping`."""
        deadline = time.monotonic() + seconds
        while not stopping.is_set():
            with self._lock:
                if self._position > reached:
                    return
                self._asked.clear()
            left = deadline - time.monotonic()
            if left <= 0:
                return
            self._asked.wait(left)
