"""Building the application from settings: the one place processes get their OMS."""

from __future__ import annotations

from datetime import timedelta

import psycopg
from eventsourcing.persistence import ApplicationRecorder
from psycopg_pool import ConnectionPool

from application.oms import OMS
from application.settings import Settings, eventsourcing_env
from interfaces.bi_role import ensure_bi_role
from projections.chain import events_table
from projections.chain_keeper import ChainKeeper


def build_oms(settings: Settings, database_url: str) -> OMS:
    return OMS(
        eventsourcing_env(settings, database_url),
        conflict_retry_s=settings.conflict_retry_ms / 1000,
        snapshot_interval=settings.snapshot_interval,
        batch_max=settings.writer_batch_max,
        batch_wait_s=settings.writer_batch_wait_ms / 1000,
    )


def chain_keeper(
    settings: Settings, pool: ConnectionPool, recorder: ApplicationRecorder
) -> ChainKeeper:
    """The thread that chains new events and seals the chain every `seal_interval_s`."""
    return ChainKeeper(
        pool, events_table(recorder), seal_every=timedelta(seconds=settings.seal_interval_s)
    )


def grant_bi_access(settings: Settings, database_url: str) -> None:
    """Create or update the `oms_bi` login when `OMS_BI_PASSWORD` is set."""
    if settings.bi_password is not None:
        with psycopg.connect(database_url, autocommit=True) as conn:
            ensure_bi_role(conn, settings.bi_password.get_secret_value())
