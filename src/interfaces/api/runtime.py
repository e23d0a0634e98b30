"""What an API process runs besides request handling: the OMS and the projections.

`start` and `stop` are called by the app's lifespan; everything lives on `app.state`:
`settings`, `database_url`, `oms`, and `projections` (a `ProjectionRunner`, or None
when `OMS_PROJECTIONS_IN_PROCESS=false` leaves the read models to `oms project` workers).
"""

from __future__ import annotations

from typing import Any

import psycopg
import structlog
from eventsourcing.persistence import PersistenceError
from psycopg import sql
from starlette.datastructures import State

from application.oms import OMS
from interfaces.database import connection_pool, resolve_database_url
from interfaces.wiring import build_oms, chain_keeper, grant_bi_access
from projections import schemas
from projections.registry import all_projections
from projections.runner import ProjectionRunner
from projections.status import ProjectionStatus

log = structlog.get_logger("oms.runtime")

# Errors that mean "the database is not reachable right now", not a bug.
DATABASE_ERRORS = (PersistenceError, psycopg.Error)

# Probes answer within this many seconds, whatever state the database is in.
PROBE_TIMEOUT_S = 3


def start(state: State) -> None:
    settings = state.settings
    state.database_url = resolve_database_url(settings)
    state.oms = build_oms(settings, state.database_url)
    state.projections = None
    grant_bi_access(settings, state.database_url)
    if settings.projections_in_process:
        try:
            start_projections(state)
        except BaseException:
            state.oms.close()
            raise
    log.info(
        "started", projections_in_process=settings.projections_in_process, head=state.oms.head()
    )


def stop(state: State) -> None:
    stop_projections(state)
    oms: OMS | None = getattr(state, "oms", None)
    if oms is not None:
        oms.close()
        state.oms = None
    log.info("stopped")


def start_projections(state: State) -> None:
    """Keep the read models current in this process, reading the OMS's own event log."""
    oms: OMS = state.oms
    projections = all_projections()
    # One connection per projection worker, the hash chain, status queries, one spare.
    pool = connection_pool(
        state.database_url,
        max_size=len(projections) + 3,
        name="projections",
        timeout=state.settings.database_timeout,
    )
    runner = ProjectionRunner(pool, oms.recorder, oms.mapper, projections)
    chain = chain_keeper(state.settings, pool, oms.recorder)
    try:
        runner.start()
        chain.start()
    except BaseException:
        runner.stop()
        pool.close()
        raise
    state.projections = runner
    state.chain = chain
    state.projections_pool = pool


def stop_projections(state: State) -> None:
    chain = getattr(state, "chain", None)
    if chain is not None:
        chain.stop()
        state.chain = None
    runner = getattr(state, "projections", None)
    if runner is not None:
        runner.stop()
        state.projections = None
    pool = getattr(state, "projections_pool", None)
    if pool is not None:
        pool.close()
        state.projections_pool = None


def log_head(state: State) -> int:
    """The newest log position, read on a new connection with short timeouts.

    Not through the OMS's pool: when the database goes away, the pool (with the
    library's retries) keeps a caller waiting for minutes, and a probe must answer.
    """
    recorder = state.oms.recorder
    table = sql.Identifier(recorder.datastore.schema, recorder.events_table_name)
    with psycopg.connect(
        state.database_url,
        connect_timeout=PROBE_TIMEOUT_S,
        autocommit=True,
        options=f"-c statement_timeout={PROBE_TIMEOUT_S * 1000}",
    ) as conn:
        row = conn.execute(sql.SQL("SELECT max(notification_id) FROM {}").format(table)).fetchone()
    return int(row[0] or 0) if row else 0


def stored_projection_status(state: State) -> list[ProjectionStatus]:
    """Each read model's stored position against the head, on a new short-lived connection
    (for a process whose projections run elsewhere, in `oms project` workers)."""
    head = log_head(state)
    with (
        psycopg.connect(
            state.database_url,
            connect_timeout=PROBE_TIMEOUT_S,
            autocommit=True,
            options=f"-c statement_timeout={PROBE_TIMEOUT_S * 1000}",
        ) as conn,
        conn.cursor() as cur,
    ):
        return [
            ProjectionStatus(p.name, schemas.position(cur, p.name), head)
            if schemas.exists(cur, p.name)
            else ProjectionStatus(p.name, 0, head)
            for p in all_projections()
        ]


def readiness(state: State) -> dict[str, Any]:
    """Log head and projection positions; raises DATABASE_ERRORS when unreachable."""
    report: dict[str, Any] = {"status": "ready", "head": log_head(state)}
    runner = getattr(state, "projections", None)
    if runner is not None:
        errors = runner.errors
        report["projections"] = [
            {"name": s.name, "position": s.position, "lag": s.lag, "error": errors.get(s.name)}
            for s in runner.status()
        ]
    return report
