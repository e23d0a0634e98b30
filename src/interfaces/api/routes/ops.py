"""Operations: liveness, readiness and Prometheus metrics (no key needed)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from interfaces.api import runtime
from interfaces.api.auth import OptionalRole
from interfaces.api.deps import MetricsDep, ServiceStateDep
from interfaces.api.errors import problem, problem_schema
from interfaces.api.ops_responses import Health, Ready

router = APIRouter(tags=["operations"])


@router.get("/health", response_model=Health)
async def health() -> dict[str, str]:
    """The process is up (no dependency is checked).

    On the event loop, not in the thread pool: while the database is away, commands hold
    the pool's threads for up to `OMS_DATABASE_TIMEOUT` each, and liveness must not wait.
    """
    return {"status": "ok"}


NOT_READY: dict[int | str, dict[str, Any]] = {
    503: problem_schema("The database is unreachable or a read model fails or lags")
}


@router.get(
    "/ready",
    response_model=Ready,
    # Without a key the answer is only the status (no head, no read models).
    response_model_exclude_unset=True,
    responses=NOT_READY,
)
def ready(state: ServiceStateDep, role: OptionalRole) -> dict[str, Any] | JSONResponse:
    """Ready when the database answers and every read model works and is near the head.

    503 when a read model is failing or more than `OMS_READY_MAX_LAG` positions behind.
    Only callers with an API key see why, the log head and each read model's state.
    """
    try:
        found = runtime.readiness(state)
    except runtime.DATABASE_ERRORS as error:
        detail = f"database unreachable: {type(error).__name__}"
        return problem(503, detail if role else "not ready")
    details = found.details() if role else {}
    if not found.ready:
        detail = "; ".join(found.problems) if role else "not ready"
        return problem(503, detail, members=details)
    return {"status": "ready", **details}


@router.get(
    "/metrics",
    response_class=Response,
    responses={
        200: {
            "description": "Prometheus text exposition format",
            "content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}},
        }
    },
)
def metrics(metrics: MetricsDep) -> Response:
    """Prometheus text: requests by route and status, latency, log head position."""
    return Response(metrics.render(), media_type=CONTENT_TYPE_LATEST)
