"""bench-results.json: every figure with its same-run baseline and ratio, and the machine."""

import json
from pathlib import Path

from interfaces.bench.report import Figure
from interfaces.bench.results import SCHEMA, Run


def test_the_results_file_holds_each_figure_with_its_baseline_ratio_and_target(
    tmp_path: Path,
) -> None:
    figures = [
        Figure("writes", "place order, 8 thread(s)", 450.0, "ops/s", 1500.0, ">= 0.4x"),
        Figure("server", "order over HTTP p50", 12.5, "ms"),
    ]
    out = tmp_path / "bench-results.json"
    Run(["writes", "server"], 0.5).write(out, figures)

    found = json.loads(out.read_text())
    assert found["schema"] == SCHEMA
    assert found["scale"] == 0.5
    assert found["sections"] == ["writes", "server"]
    assert found["machine"]["cores"] >= 1
    assert len(found["machine"]["load_average_start"]) == 3
    assert found["started_at"] <= found["finished_at"]
    assert found["figures"] == [
        {
            "section": "writes",
            "name": "place order, 8 thread(s)",
            "value": 450.0,
            "unit": "ops/s",
            "baseline": 1500.0,
            "ratio": 0.3,
            "target": ">= 0.4x",
        },
        {
            "section": "server",
            "name": "order over HTTP p50",
            "value": 12.5,
            "unit": "ms",
            "baseline": None,
            "ratio": None,
            "target": "",
        },
    ]
