"""While serving, what start-up built is left out of garbage collection."""

from __future__ import annotations

import gc

from interfaces.heap import serving_heap


def test_serving_freezes_the_heap_built_so_far_and_thaws_it_at_the_end() -> None:
    with serving_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
