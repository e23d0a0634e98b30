"""Building the application from settings: the one place processes get their OMS."""

from __future__ import annotations

from application.oms import OMS
from application.settings import Settings, eventsourcing_env


def build_oms(settings: Settings, database_url: str) -> OMS:
    return OMS(
        eventsourcing_env(settings, database_url),
        conflict_retries=settings.conflict_retries,
        snapshot_interval=settings.snapshot_interval,
    )
