"""While serving, what start-up built is left out of garbage collection, and so is what
outlives a long full collection."""

from __future__ import annotations

import gc

import pytest

from interfaces import heap
from interfaces.heap import serving_heap


def test_serving_freezes_the_heap_built_so_far_and_thaws_it_at_the_end() -> None:
    with serving_heap():
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def test_what_outlives_a_long_full_collection_is_frozen(monkeypatch: pytest.MonkeyPatch) -> None:
    with serving_heap() as refreezer:
        frozen = gc.get_freeze_count()
        cached = [[n] for n in range(10_000)]  # what a process caches after start-up
        monkeypatch.setattr(heap, "LONG_FULL_COLLECTION_S", 0.0)
        gc.collect()
        assert refreezer.freezes == 1
        assert gc.get_freeze_count() >= frozen + len(cached)
    assert gc.get_freeze_count() == 0


def test_a_short_full_collection_freezes_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    with serving_heap() as refreezer:
        frozen = gc.get_freeze_count()
        monkeypatch.setattr(heap, "LONG_FULL_COLLECTION_S", 60.0)
        gc.collect()
        assert refreezer.freezes == 0
        assert gc.get_freeze_count() == frozen


def test_a_process_naming_its_own_thresholds_collects_by_them_until_it_stops() -> None:
    before = gc.get_threshold()
    with serving_heap((20_000, 50, 100)):
        assert gc.get_threshold() == (20_000, 50, 100)
    assert gc.get_threshold() == before
