"""Answers from the writer thread to an event loop: one wake-up for all that are ready.

`asyncio.wrap_future` wakes the loop once per answer (`call_soon_threadsafe`: a write to
the loop's self-pipe, and a turn of the loop to read it). The writer answers a whole batch
at once, so here the first answer of a burst schedules one delivery and the answers that
follow before it runs join it: one wake-up per batch instead of one per command.
"""

from __future__ import annotations

import asyncio
import threading
import weakref
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")

_by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AnswersToLoop] = (
    weakref.WeakKeyDictionary()
)
_by_loop_lock = threading.Lock()


class AnswersToLoop:
    """Carries finished `concurrent.futures.Future`s into one loop's futures."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._lock = threading.Lock()
        self._ready: list[tuple[Future[Any], asyncio.Future[Any]]] = []

    async def result(self, answer: Future[T]) -> T:
        """`answer`'s result (or error) once the writer gives it; cancelled here, `answer`
        is cancelled too (as with `asyncio.wrap_future`)."""
        waiter: asyncio.Future[T] = self._loop.create_future()
        answer.add_done_callback(lambda _: self._finished(answer, waiter))
        try:
            return await waiter
        except asyncio.CancelledError:
            answer.cancel()
            raise

    def _finished(self, answer: Future[Any], waiter: asyncio.Future[Any]) -> None:
        with self._lock:
            first = not self._ready
            self._ready.append((answer, waiter))
        if first:
            try:
                self._loop.call_soon_threadsafe(self._deliver)
            except RuntimeError:  # the loop is closed: nobody is left to answer
                with self._lock:
                    self._ready.clear()

    def _deliver(self) -> None:
        with self._lock:
            ready, self._ready = self._ready, []
        for answer, waiter in ready:
            if waiter.cancelled():
                continue
            if answer.cancelled():
                waiter.cancel()
            elif (error := answer.exception()) is not None:
                waiter.set_exception(error)
            else:
                waiter.set_result(answer.result())


def answers_to(loop: asyncio.AbstractEventLoop) -> AnswersToLoop:
    """The one `AnswersToLoop` of `loop`."""
    found = _by_loop.get(loop)
    if found is None:
        with _by_loop_lock:
            found = _by_loop.setdefault(loop, AnswersToLoop(loop))
    return found
