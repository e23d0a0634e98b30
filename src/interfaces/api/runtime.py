"""What an API process runs besides request handling: the OMS and the projections.

`start` and `stop` are called by the app's lifespan; everything lives on `app.state`, a
`ServiceState`: `settings`, `database_url`, `oms`, and `projections` (a `ProjectionRunner`,
or None when `OMS_PROJECTIONS_IN_PROCESS=false` leaves the read models to `oms project`
workers).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

import psycopg
import structlog
from eventsourcing.persistence import PersistenceError
from psycopg import sql

from application.policies import Policies
from interfaces.api.readiness import Readiness
from interfaces.api.service_state import ServiceState
from interfaces.database import connection_pool, resolve_database_url
from interfaces.wiring import build_oms, chain_keeper, grant_bi_access
from projections.chain import events_table
from projections.registry import all_projections
from projections.runner import ProjectionRunner
from projections.status import ProjectionStatus, projectors_connected, statuses

log = structlog.get_logger("oms.runtime")

# Errors that mean "the database is not reachable right now", not a bug.
DATABASE_ERRORS = (PersistenceError, psycopg.Error)

# Probes answer within this many seconds, whatever state the database is in.
PROBE_TIMEOUT_S = 3


def start(state: ServiceState) -> None:
    settings = state.settings
    state.database_url = resolve_database_url(settings)
    state.oms = build_oms(settings, state.database_url)
    state.projections = None
    grant_bi_access(settings, state.database_url)
    try:
        if settings.projections_in_process:
            start_projections(state)
        elif settings.require_projector:
            create_read_models(state)
    except BaseException:
        state.oms.close()
        raise
    log.info(
        "started", projections_in_process=settings.projections_in_process, head=state.oms.head()
    )


def stop(state: ServiceState) -> None:
    stop_projections(state)
    if state.oms is not None:
        state.oms.close()
        state.oms = None
    log.info("stopped")


def start_projections(state: ServiceState) -> None:
    """Keep the read models current in this process, reading the OMS's own event log, and
    run the policies (work the OMS does on its own) where the projection workers run."""
    oms = state.started_oms()
    projections = all_projections()
    # One connection per projection worker, the hash chain, status queries, one spare.
    pool = connection_pool(
        state.started_database_url(),
        max_size=len(projections) + 3,
        name="projections",
        timeout=state.settings.database_timeout,
    )
    on_failure = state.metrics.projection_failed
    gap = state.settings.projection_batch_gap
    runner = ProjectionRunner(
        pool, oms.recorder, oms.mapper, projections, gap=gap, on_failure=on_failure
    )
    chain = chain_keeper(state.settings, pool, oms.recorder)
    policies = Policies(oms)
    try:
        runner.start()
        chain.start()
        policies.start()
    except BaseException:
        chain.stop()
        runner.stop()
        pool.close()
        raise
    state.projections = runner
    state.chain = chain
    state.policies = policies
    state.projections_pool = pool


def create_read_models(state: ServiceState) -> None:
    """Create (or upgrade) the read models' tables, as the projector does when it starts,
    so reads work before its first batch; whichever process comes first does it."""
    url, oms = state.started_database_url(), state.started_oms()
    pool = connection_pool(url, max_size=2, timeout=state.settings.database_timeout)
    try:
        ProjectionRunner(pool, oms.recorder, oms.mapper).setup()
    finally:
        pool.close()


def stop_projections(state: ServiceState) -> None:
    if state.policies is not None:
        state.policies.stop()
        state.policies = None
    if state.chain is not None:
        state.chain.stop()
        state.chain = None
    if state.projections is not None:
        state.projections.stop()
        state.projections = None
    if state.projections_pool is not None:
        state.projections_pool.close()
        state.projections_pool = None


def log_head(state: ServiceState) -> int:
    """The newest log position, read on a new connection with short timeouts."""
    with _probe(state) as conn:
        return _head(conn, state)


@contextmanager
def _probe(state: ServiceState) -> Iterator[psycopg.Connection[Any]]:
    """A new autocommit connection with short timeouts, for probes.

    Not through the OMS's pool: when the database goes away, the pool (with the
    library's retries) keeps a caller waiting for minutes, and a probe must answer.
    """
    with psycopg.connect(
        state.started_database_url(),
        connect_timeout=PROBE_TIMEOUT_S,
        autocommit=True,
        options=f"-c statement_timeout={PROBE_TIMEOUT_S * 1000}",
    ) as conn:
        yield conn


def _head(conn: psycopg.Connection[Any], state: ServiceState) -> int:
    table = events_table(state.started_oms().recorder)
    row = conn.execute(sql.SQL("SELECT max(notification_id) FROM {}").format(table)).fetchone()
    return int(row[0] or 0) if row else 0


def stored_projection_status(state: ServiceState) -> list[ProjectionStatus]:
    """Each read model's stored position and last failure against the head, on a new
    short-lived connection (also for a process whose projections run in `oms project`)."""
    return _stored(state)[0]


def _stored(state: ServiceState) -> tuple[list[ProjectionStatus], bool]:
    """The stored statuses, and whether a projector process is connected (asked only when
    `OMS_REQUIRE_PROJECTOR` says one must be; else True)."""
    with _probe(state) as conn, conn.cursor() as cur:
        found = statuses(cur, all_projections(), _head(conn, state))
        projector = not state.settings.require_projector or projectors_connected(cur) > 0
        return found, projector


def readiness(state: ServiceState) -> Readiness:
    """The log head and where each read model stands; raises DATABASE_ERRORS when unreachable.

    Read from the tracking rows, so it holds whether the projections run in this process
    or in `oms project` workers; a failure this process's runner saw counts even before
    it is stored.
    """
    stored, projector = _stored(state)
    head = stored[0].head if stored else log_head(state)
    runner = state.projections
    errors = runner.errors if runner is not None else {}
    found = [replace(s, error=errors.get(s.name) or s.error) for s in stored]
    return Readiness(head, found, state.settings.ready_max_lag, projector_connected=projector)
