"""The writer's aggregate cache: bounded, least recently used dropped first."""

from uuid import UUID, uuid4

import pytest

from application.aggregate_cache import AggregateCache


def ids(count: int) -> list[UUID]:
    return [uuid4() for _ in range(count)]


def test_a_cached_aggregate_is_got_back_and_a_missing_one_is_a_key_error() -> None:
    cache = AggregateCache(3)
    [a, b] = ids(2)
    cache.put(a, "A")
    assert cache.get(a) == "A"
    with pytest.raises(KeyError):
        cache.get(b)


def test_beyond_its_size_the_least_recently_used_is_dropped() -> None:
    cache = AggregateCache(2)
    [a, b, c] = ids(3)
    cache.put(a, "A")
    cache.put(b, "B")
    cache.get(a)  # b is now the least recently used
    cache.put(c, "C")
    assert len(cache) == 2
    assert cache.get_many([a, b, c]) == ["A", None, "C"]


def test_getting_many_at_once_counts_as_using_each_one_found() -> None:
    cache = AggregateCache(2)
    [a, b, c] = ids(3)
    cache.put(a, "A")
    cache.put(b, "B")
    assert cache.get_many([a, c]) == ["A", None]
    cache.put(c, "C")  # b, not a, was the least recently used
    assert cache.get_many([a, b, c]) == ["A", None, "C"]


def test_put_replaces_and_evict_drops() -> None:
    cache = AggregateCache(2)
    [a] = ids(1)
    cache.put(a, "old")
    cache.put(a, "new")
    assert cache.get(a, evict=True) == "new"
    assert len(cache) == 0
