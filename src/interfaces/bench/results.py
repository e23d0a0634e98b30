"""`bench-results.json`: every figure of a run beside its same-run baseline and ratio.

Schema (version 1), documented in docs/performance.md:
{"schema": 1, "started_at": ISO, "finished_at": ISO, "command": [argv...], "scale": float,
 "sections": [name...], "machine": {"cores": int, "load_average_start": [1m, 5m, 15m],
 "load_average_end": [...]}, "figures": [{"section", "name", "value", "unit",
 "baseline" (null when the figure has none), "ratio" (value / baseline, or null),
 "target" ("" when none)}]}
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from interfaces.bench.report import Figure

SCHEMA = 1


def load_average() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


@dataclass
class Run:
    """What a run was asked, and when; `write` adds its figures and how the machine was."""

    sections: list[str]
    scale: float
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    load_at_start: list[float] = field(default_factory=load_average)

    def as_dict(self, figures: list[Figure]) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "started_at": self.started_at.isoformat(),
            "finished_at": datetime.now(UTC).isoformat(),
            "command": ["oms", *sys.argv[1:]],
            "scale": self.scale,
            "sections": self.sections,
            "machine": {
                "cores": os.cpu_count(),
                "load_average_start": self.load_at_start,
                "load_average_end": load_average(),
            },
            "figures": [figure_dict(f) for f in figures],
        }

    def write(self, path: Path, figures: list[Figure]) -> None:
        path.write_text(json.dumps(self.as_dict(figures), indent=2) + "\n")


def figure_dict(f: Figure) -> dict[str, Any]:
    ratio = f.ratio
    return {
        "section": f.section,
        "name": f.name,
        "value": round(f.value, 3),
        "unit": f.unit,
        "baseline": round(f.baseline, 3) if f.baseline is not None else None,
        "ratio": round(ratio, 3) if ratio is not None else None,
        "target": f.target,
    }
