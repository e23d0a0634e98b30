"""Garbage collection set up for a process that serves requests.

Once the server has started, what start-up built (modules, the schema, the OMS) is frozen
out of collection, so a full collection no longer walks it. Python's collection thresholds
are left at their defaults.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def serving_heap() -> Iterator[None]:
    """Freeze the heap built so far until the server stops."""
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
