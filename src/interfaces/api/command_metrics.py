"""Prometheus series about commands: count, latency, conflicts, stored events, sourcing."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from prometheus_client import CollectorRegistry, Counter, Histogram
from prometheus_client.metrics import MetricWrapperBase

from domain.order import Order


class CommandMetrics:
    """The OMS's `CommandObserver`: every command call, retry and stored event counted."""

    def __init__(self, registry: CollectorRegistry) -> None:
        self.commands = Counter(
            "oms_commands",
            "Commands run, by outcome: ok, replayed (Idempotency-Key), refused (a business "
            "rule), conflict (gave up after retries), error",
            ["command", "outcome"],
            registry=registry,
        )
        self.latency = Histogram(
            "oms_command_duration_seconds",
            "Time to run a command, retries included",
            ["command"],
            registry=registry,
        )
        self.conflicts = Counter(
            "oms_command_conflicts",
            "Saves that lost to another writer; each is retried on fresh state",
            ["command"],
            registry=registry,
        )
        self.events = Counter(
            "oms_events_stored", "Events stored by commands, by type", ["type"], registry=registry
        )
        self.decisions = Counter(
            "oms_sourcing_decisions",
            "Sourcing decisions (allocations), by what triggered them",
            ["trigger"],
            registry=registry,
        )
        self.backordered = Counter(
            "oms_backordered_units",
            "Units sourcing could not place (backordered)",
            registry=registry,
        )
        # `labels()` validates and locks on every call; each series' child is kept here
        # instead (as many as the registry holds series already).
        self._children: dict[tuple[object, ...], Any] = {}

    def finished(self, command: str, seconds: float, outcome: str) -> None:
        self._child(self.commands, command, outcome).inc()
        self._child(self.latency, command).observe(seconds)

    def conflicted(self, command: str) -> None:
        self._child(self.conflicts, command).inc()

    def stored(self, events: Sequence[object]) -> None:
        for event in events:
            self._child(self.events, type(event).__qualname__).inc()
            if isinstance(event, Order.Allocated):
                trigger = str(event.explanation.get("trigger", "UNKNOWN"))
                self._child(self.decisions, trigger).inc()
                self.backordered.inc(sum(event.backordered.values()))

    def _child(self, metric: MetricWrapperBase, *values: str) -> Any:
        key = (id(metric), *values)
        child = self._children.get(key)
        if child is None:
            child = self._children[key] = metric.labels(*values)
        return child
