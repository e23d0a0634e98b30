"""While serving, start-up's objects are frozen and young collections are rarer."""

from __future__ import annotations

import gc

from interfaces.heap import YOUNG_THRESHOLD, serving_heap


def test_serving_freezes_the_heap_and_collects_the_young_less_often_then_restores() -> None:
    before = gc.get_threshold()
    with serving_heap():
        assert gc.get_threshold() == (YOUNG_THRESHOLD, *before[1:])
        assert gc.get_freeze_count() > 0
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == 0
