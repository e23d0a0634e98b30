"""Prometheus series about the in-process projections, read when /metrics is scraped.

Per read model: the log position applied, the lag behind the head in events and in
seconds (how long since it last stood at the head; 0 while it does), and whether it is
failing now: as this process's runner sees it, or, where the read models are kept by a
projector process (`oms serve`) or `oms project` workers, as the failing worker stored
it in the read model's tracking row.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import psycopg
from eventsourcing.persistence import PersistenceError
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from projections.batch import BatchResult
from projections.status import ProjectionStatus


class ProjectionCollector(Collector):
    def __init__(
        self,
        status: Callable[[], list[ProjectionStatus]],
        errors: Callable[[], dict[str, str]] | None = None,
    ) -> None:
        """`errors`: the failures a runner in this process sees; None: the stored ones."""
        self._status, self._errors = status, errors
        self._at_head: dict[str, float] = {}  # when each read model last stood at the head
        self._started = time.time()

    def batch_done(self, name: str, result: BatchResult, at: float) -> None:
        """The runner's `on_batch`: a batch that reached the head stamps the time."""
        if result.caught_up:
            self._at_head[name] = at

    def collect(self) -> Iterator[GaugeMetricFamily]:
        try:
            statuses = self._status()
        except (PersistenceError, psycopg.Error):
            return
        now = time.time()
        position = GaugeMetricFamily(
            "oms_projection_position", "Last log position applied", labels=["projection"]
        )
        lag = GaugeMetricFamily(
            "oms_projection_lag_events", "Log positions behind the head", labels=["projection"]
        )
        seconds = GaugeMetricFamily(
            "oms_projection_lag_seconds",
            "Seconds since the read model last stood at the head (0 while it does)",
            labels=["projection"],
        )
        failed = GaugeMetricFamily(
            "oms_projection_failing", "1 while the read model is failing", labels=["projection"]
        )
        for status in statuses:
            if status.lag == 0:
                self._at_head[status.name] = now
            since = self._at_head.get(status.name, self._started)
            position.add_metric([status.name], status.position)
            lag.add_metric([status.name], status.lag)
            seconds.add_metric([status.name], 0.0 if status.lag == 0 else max(0.0, now - since))
        if self._errors is not None:
            failing = set(self._errors())
        else:
            failing = {s.name for s in statuses if s.error}
        for status in statuses:
            failed.add_metric([status.name], 1.0 if status.name in failing else 0.0)
        yield from (position, lag, seconds, failed)
