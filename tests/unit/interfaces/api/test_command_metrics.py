"""Command metrics: every command, conflict and stored event counted under its series."""

from __future__ import annotations

from typing import Any

import pytest
from prometheus_client import CollectorRegistry
from prometheus_client.metrics import MetricWrapperBase

from interfaces.api.command_metrics import CommandMetrics


class Placed:
    pass


class Reserved:
    pass


def sample(registry: CollectorRegistry, name: str, **labels: str) -> float | None:
    return registry.get_sample_value(name, labels)


def test_commands_conflicts_and_events_are_counted_under_their_labels() -> None:
    registry = CollectorRegistry()
    metrics = CommandMetrics(registry)

    for outcome in ("ok", "ok", "refused"):
        metrics.finished("place_order", 0.002, outcome)
    metrics.conflicted("place_order")
    metrics.stored([Placed(), Reserved(), Reserved()])
    metrics.stored([Reserved()])

    assert sample(registry, "oms_commands_total", command="place_order", outcome="ok") == 2
    assert sample(registry, "oms_commands_total", command="place_order", outcome="refused") == 1
    assert sample(registry, "oms_command_duration_seconds_count", command="place_order") == 3
    assert sample(registry, "oms_command_conflicts_total", command="place_order") == 1
    assert sample(registry, "oms_events_stored_total", type="Placed") == 1
    assert sample(registry, "oms_events_stored_total", type="Reserved") == 3


def test_each_series_is_looked_up_once_however_often_it_is_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    looked_up: list[tuple[str, ...]] = []
    labels = MetricWrapperBase.labels

    def counted(self: MetricWrapperBase, *values: Any, **named: Any) -> Any:
        looked_up.append(tuple(values))
        return labels(self, *values, **named)

    monkeypatch.setattr(MetricWrapperBase, "labels", counted)
    metrics = CommandMetrics(CollectorRegistry())
    for _ in range(3):
        metrics.finished("place_order", 0.001, "ok")
        metrics.stored([Placed(), Reserved()])

    assert sorted(looked_up) == [
        ("Placed",),
        ("Reserved",),
        ("place_order",),
        ("place_order", "ok"),
    ]
