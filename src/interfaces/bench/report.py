"""Figures a benchmark reports, and how they are printed."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from rich.console import Console
from rich.table import Table


@dataclass(frozen=True)
class Figure:
    section: str
    name: str
    value: float
    unit: str
    baseline: float | None = None
    target: str = ""

    @property
    def ratio(self) -> float | None:
        return self.value / self.baseline if self.baseline else None


def percentile(samples: list[float], p: float) -> float:
    """The p-th percentile (0-100) of samples, by the inclusive method."""
    if len(samples) < 2:
        return samples[0] if samples else 0.0
    return statistics.quantiles(samples, n=100, method="inclusive")[round(p) - 1]


def print_figures(figures: list[Figure], console: Console | None = None) -> None:
    table = Table(title="oms bench")
    for column in ("section", "figure", "value", "baseline", "ratio", "target"):
        table.add_column(column, justify="right" if column in ("value", "ratio") else "left")
    for f in figures:
        table.add_row(
            f.section,
            f.name,
            f"{f.value:,.1f} {f.unit}",
            f"{f.baseline:,.1f} {f.unit}" if f.baseline else "",
            f"{f.ratio:.2f}x" if f.ratio is not None else "",
            f.target,
        )
    (console or Console()).print(table)
