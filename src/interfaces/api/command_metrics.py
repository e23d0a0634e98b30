"""Prometheus series about commands: count, latency, conflicts, stored events, sourcing."""

from __future__ import annotations

from collections.abc import Sequence

from prometheus_client import CollectorRegistry, Counter, Histogram

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

    def finished(self, command: str, seconds: float, outcome: str) -> None:
        self.commands.labels(command, outcome).inc()
        self.latency.labels(command).observe(seconds)

    def conflicted(self, command: str) -> None:
        self.conflicts.labels(command).inc()

    def stored(self, events: Sequence[object]) -> None:
        for event in events:
            self.events.labels(type(event).__qualname__).inc()
            if isinstance(event, Order.Allocated):
                self.decisions.labels(str(event.explanation.get("trigger", "UNKNOWN"))).inc()
                self.backordered.inc(sum(event.backordered.values()))
