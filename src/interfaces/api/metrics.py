"""Prometheus metrics: requests by route template and status, the log head, commands
(`command_metrics`), projections (`projection_metrics`) and GraphQL operations by name."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import psycopg
from eventsourcing.persistence import PersistenceError
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.types import Scope

from interfaces.api.command_metrics import CommandMetrics
from interfaces.api.projection_metrics import ProjectionCollector
from interfaces.api.runtime import stored_projection_status

if TYPE_CHECKING:
    from interfaces.api.service_state import ServiceState

MAX_OPERATION_NAMES = 200  # distinct GraphQL operation names labelled; later ones are "other"


class Metrics:
    """One registry per app, so several apps (tests) never share counters."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "oms_http_requests",
            "HTTP requests answered",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "oms_http_request_duration_seconds",
            "Time to answer an HTTP request",
            ["method", "route"],
            registry=self.registry,
        )
        self.projection_failures = Counter(
            "oms_projection_failures",
            "Batches a read model failed to apply (each retry counts)",
            ["projection"],
            registry=self.registry,
        )
        self.head = Gauge(
            "oms_event_log_head_position",
            "Position of the newest event in the log (NaN while the database is unreachable)",
            registry=self.registry,
        )

        self.commands = CommandMetrics(self.registry)
        self.projections: ProjectionCollector | None = None
        self.operations = Counter(
            "oms_graphql_operations",
            "GraphQL operations answered, by operation name and outcome (ok, error)",
            ["operation", "outcome"],
            registry=self.registry,
        )
        self.operation_latency = Histogram(
            "oms_graphql_operation_duration_seconds",
            "Time to answer a GraphQL operation",
            ["operation"],
            registry=self.registry,
        )
        self._operation_names: set[str] = set()
        self._answered: dict[tuple[str, str, int], tuple[Counter, Histogram]] = {}

    def attach(self, state: ServiceState) -> None:
        """Observe the started service on `app.state`: its OMS's commands, the read models
        (its own projection runner, or the positions stored by `oms project` workers)."""
        state.started_oms().observer = self.commands
        if self.projections is not None:
            return
        runner = state.projections
        if runner is not None:
            self.projections = ProjectionCollector(runner.status, lambda: runner.errors)
            runner.on_batch = self.projections.batch_done
        else:
            self.projections = ProjectionCollector(lambda: stored_projection_status(state))
        self.registry.register(self.projections)

    def answered(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count and time an HTTP request answered under its route template."""
        counter, histogram = self._children(method, route, status)
        counter.inc()
        histogram.observe(seconds)

    def _children(self, method: str, route: str, status: int) -> tuple[Counter, Histogram]:
        # `labels()` validates and locks on every call; its children are kept here instead
        # (as many as the registry holds series already).
        key = (method, route, status)
        found = self._answered.get(key)
        if found is None:
            found = (
                self.requests.labels(method, route, str(status)),
                self.latency.labels(method, route),
            )
            self._answered[key] = found
        return found

    def graphql_operation(self, name: str, seconds: float, failed: bool) -> None:
        if name not in self._operation_names:
            if len(self._operation_names) >= MAX_OPERATION_NAMES:
                name = "other"
            else:
                self._operation_names.add(name)
        self.operations.labels(name, "error" if failed else "ok").inc()
        self.operation_latency.labels(name).observe(seconds)

    def watch_head(self, head: Callable[[], int]) -> None:
        def read() -> float:
            try:
                return float(head())
            except (PersistenceError, psycopg.Error):
                return float("nan")

        self.head.set_function(read)

    def projection_failed(self, projection: str, error: BaseException) -> None:
        self.projection_failures.labels(projection).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)


# Paths served by routes FastAPI does not name in the scope: GraphQL's own router, and
# the console's static files (mounted).
FIXED_ROUTES = frozenset({"/graphql"})
MOUNTS = ("/console",)


def route_label(scope: Scope) -> str:
    """The route template; unmatched paths share one label, so scanners cannot blow up
    the series count."""
    route = getattr(scope.get("route"), "path", None)
    path = scope["path"]
    if not route and path in FIXED_ROUTES:
        route = path
    for mount in MOUNTS if not route else ():
        if path.startswith(mount + "/"):
            route = mount + "/{path}"
    return route or "unmatched"
