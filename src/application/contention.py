"""Taking turns once writers in this process collide.

Optimistic concurrency lets every writer decide at once and lets the store refuse all but
one. When many threads of one process write the same record, most of them lose each round
and would keep losing. So once a command lost a race, it retries in turn, first come first
served, and new commands queue behind it while any retry is pending: the writers of this
process no longer race each other (writers in other processes are still refused by the
store, and retried). With no retry pending, commands run side by side as before.
"""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager

from eventsourcing.persistence import RecordConflictError


class Turns:
    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._queue: deque[object] = deque()
        self._busy = False
        self._retries = 0

    @contextmanager
    def take(self, *, retry: bool, deadline: float) -> Iterator[None]:
        """Run a command's attempt: at once, or in turn while any retry is pending."""
        if not retry and not self._retries:
            yield
            return
        self._wait_for_turn(retry, deadline)
        try:
            yield
        finally:
            with self._changed:
                self._busy = False
                self._changed.notify_all()

    def _wait_for_turn(self, retry: bool, deadline: float) -> None:
        ticket = object()
        with self._changed:
            self._queue.append(ticket)
            self._retries += retry
            mine = self._changed.wait_for(
                lambda: not self._busy and self._queue[0] is ticket,
                timeout=max(deadline - time.monotonic(), 0),
            )
            self._queue.remove(ticket)
            self._retries -= retry
            if not mine:
                self._changed.notify_all()  # the next in line may be waiting on this ticket
                raise RecordConflictError("no turn to retry before the deadline")
            self._busy = True
