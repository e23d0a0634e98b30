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
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic collection in this process while the block runs (reference counting
    still frees what it can); the collector is on again afterwards if it was before."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()
