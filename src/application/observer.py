"""What the OMS tells an observer about its commands (metrics live in the interfaces).

`finished` once per command call with its outcome: `ok` (saved), `replayed` (an
Idempotency-Key answered from its record), `refused` (a business rule said no),
`conflict` (other writers won every attempt) or `error` (anything else). `conflicted`
each time a save lost to another writer and the command is retried. `stored` with the
events a command saved.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class CommandObserver(Protocol):
    def finished(self, command: str, seconds: float, outcome: str) -> None: ...

    def conflicted(self, command: str) -> None: ...

    def stored(self, events: Sequence[object]) -> None: ...


class NoObserver:
    """The default: nobody is listening."""

    def finished(self, command: str, seconds: float, outcome: str) -> None:
        pass

    def conflicted(self, command: str) -> None:
        pass

    def stored(self, events: Sequence[object]) -> None:
        pass
