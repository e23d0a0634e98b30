"""A rich progress bar for `oms demo`: one task per phase, with counts, rate and time left."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)

from interfaces.demo import Track


@contextmanager
def progress_bar() -> Iterator[tuple[Track, Callable[[str], None]]]:
    """A `Track` showing each phase (nodes, stock, orders) as it goes, and a way to print
    lines above the bar."""
    with Progress(
        SpinnerColumn(),
        TextColumn("[bold]{task.description:<8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TaskProgressColumn(),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
    ) as bar:

        def track(items: Sequence[Any], description: str) -> Iterable[Any]:
            return bar.track(items, total=len(items), description=description)

        yield track, bar.console.print
