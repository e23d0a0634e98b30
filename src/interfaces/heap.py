"""Garbage collection set up for a process that serves requests.

Once the server has started, what start-up built (modules, the schema, the OMS) is frozen
out of collection, so a full collection no longer walks it. What the process caches later
(the writer's aggregates: a sourcing decision reads hundreds of them) grows the oldest
generation again, and a full collection walking thousands of cached aggregates pauses
whatever runs for tens of milliseconds. So whenever a full collection took longer than
`LONG_FULL_COLLECTION_S`, what survived it is frozen too: the next ones walk only what is
newer. (Cyclic garbage frozen that way is not collected while serving; only objects that
outlived a full collection are frozen, which few short-lived ones do.) Python's collection
thresholds are left at their defaults unless the process names its own.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

LONG_FULL_COLLECTION_S = 0.005


class _Refreezer:
    """A `gc.callbacks` entry freezing the survivors of a long full collection."""

    def __init__(self) -> None:
        self.started = 0.0
        self.freezes = 0

    def __call__(self, phase: str, info: dict[str, Any]) -> None:
        if info["generation"] != 2:
            return
        if phase == "start":
            self.started = time.perf_counter()
        elif time.perf_counter() - self.started > LONG_FULL_COLLECTION_S:
            gc.freeze()
            self.freezes += 1


@contextmanager
def serving_heap(thresholds: tuple[int, int, int] | None = None) -> Iterator[_Refreezer]:
    """Freeze the heap built so far, and what outlives a long full collection, until the
    server stops; with `thresholds`, the collector's thresholds meanwhile."""
    refreezer = _Refreezer()
    before = gc.get_threshold()
    gc.collect()
    gc.freeze()
    gc.callbacks.append(refreezer)
    if thresholds is not None:
        gc.set_threshold(*thresholds)
    try:
        yield refreezer
    finally:
        gc.set_threshold(*before)
        gc.callbacks.remove(refreezer)
        gc.unfreeze()
