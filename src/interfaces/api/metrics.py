"""Prometheus metrics: requests by route template and status, the log head, commands
(`command_metrics`), projections (`projection_metrics`) and GraphQL operations by name."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING

import psycopg
import structlog
from eventsourcing.persistence import PersistenceError
from prometheus_client import CollectorRegistry, Counter, Gauge, Histogram, generate_latest
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interfaces.api.command_metrics import CommandMetrics
from interfaces.api.projection_metrics import ProjectionCollector
from interfaces.api.runtime import stored_projection_status

if TYPE_CHECKING:
    from interfaces.api.service_state import ServiceState

log = structlog.get_logger("oms.http")

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


class MetricsMiddleware:
    """Counts and times every request under its route template (`/orders/{order_id}/…`)."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics
        # Bound once, under the logging the app configured: a module-level proxy would
        # bind a new logger for every request's line.
        self.log = log.bind()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def send_and_note(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, send_and_note)
        finally:
            elapsed = time.perf_counter() - started
            route = route_label(scope)
            method = scope["method"]
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.latency.labels(method, route).observe(elapsed)
            self.log.info(
                "request",
                method=method,
                path=scope["path"],
                route=route,
                status=status,
                ms=round(elapsed * 1000, 1),
            )
