"""Pausing Python's cyclic garbage collector around a burst of short-lived allocation.

A sourcing decision over 1,000 nodes allocates thousands of small objects (a candidate,
its quantities, an option per node) that all stay alive until the decision ends. A
collection during it finds no garbage, yet walks them and promotes them to older
generations, whose collections then walk them again. Deferred to the end of the
decision, the collector finds most of them already freed by reference counting (they
form no cycles).
"""

from __future__ import annotations

import gc
from types import TracebackType


class _Paused:
    """The context of `collector_paused` (a class: a generator-based context manager costs
    a generator and several calls per placement)."""

    __slots__ = ("_was_on",)

    def __enter__(self) -> None:
        self._was_on = gc.isenabled()
        if self._was_on:
            gc.disable()

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._was_on:
            gc.enable()


def collector_paused() -> _Paused:
    """No cyclic collection in this process while the block runs (reference counting
    still frees what it can); the collector is on again afterwards if it was before."""
    return _Paused()
