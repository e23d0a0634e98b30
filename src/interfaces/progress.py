"""Rich progress bars for long CLI work, drawn on stderr so stdout stays parseable."""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class Bars:
    """One bar per named stage, created when the stage first reports."""

    def __init__(self, unit: str = "") -> None:
        self.progress = Progress(
            TextColumn("{task.description:<16}"),
            BarColumn(),
            TextColumn("{task.completed:,.0f}/{task.total:,.0f}" + (f" {unit}" if unit else "")),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            console=Console(stderr=True),
            transient=False,
        )
        self._tasks: dict[str, TaskID] = {}

    def __enter__(self) -> Bars:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def update(self, stage: str, done: int, total: int) -> None:
        if stage not in self._tasks:
            self._tasks[stage] = self.progress.add_task(stage, total=max(total, 1))
        self.progress.update(self._tasks[stage], completed=done, total=max(total, 1))
