"""The writer's cache of aggregates: a bounded map, least recently used dropped first.

Sourcing reads hundreds of cached records per decision, so besides one-at-a-time `get`
it offers `get_many`, which takes its lock once for all of them. Entries are keyed by the
id's integer (a UUID hashes in Python code; an int does not).
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Sequence
from threading import Lock
from typing import Any
from uuid import UUID


class AggregateCache:
    def __init__(self, maxsize: int) -> None:
        self.maxsize = maxsize
        self._items: OrderedDict[int, Any] = OrderedDict()  # least recently used first
        self._lock = Lock()

    def __len__(self) -> int:
        return len(self._items)

    def get(self, key: UUID, *, evict: bool = False) -> Any:
        """The cached aggregate (KeyError when there is none), then dropped if `evict`."""
        with self._lock:
            if evict:
                return self._items.pop(key.int)
            value = self._items[key.int]
            self._items.move_to_end(key.int)
            return value

    def get_many(self, keys: Sequence[UUID]) -> list[Any | None]:
        """The cached aggregate of each key, None where there is none."""
        items = self._items
        found, move = items.get, items.move_to_end
        values: list[Any | None] = []
        with self._lock:
            for key in keys:
                value = found(key.int)
                if value is not None:
                    move(key.int)
                values.append(value)
        return values

    def put(self, key: UUID, value: Any) -> None:
        with self._lock:
            self._items[key.int] = value
            self._items.move_to_end(key.int)
            if len(self._items) > self.maxsize:
                self._items.popitem(last=False)
