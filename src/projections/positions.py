"""How far each projection has got, and waiting until all have reached a position."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping

Refresh = Callable[[], Mapping[str, int]]


class Positions:
    def __init__(self, names: Iterable[str]) -> None:
        self._values = dict.fromkeys(names, 0)
        self._moved = threading.Condition()

    def set(self, name: str, position: int) -> None:
        with self._moved:
            self._values[name] = position
            self._moved.notify_all()

    def wait_until(self, position: int, timeout: float, refresh: Refresh | None = None) -> bool:
        """True once every projection has applied `position`, False after `timeout` seconds.

        Positions come from `set` (the runner's own workers); when nobody calls `set`
        (the workers run in another process), `refresh` reads them, every 20 ms.
        """
        deadline = time.monotonic() + timeout
        while True:
            for name, value in (refresh() if refresh else {}).items():
                self.set(name, value)
            with self._moved:
                if all(value >= position for value in self._values.values()):
                    return True
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                self._moved.wait(min(left, 0.02) if refresh else left)
