"""Operations: liveness, readiness and Prometheus metrics (no key needed)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from interfaces.api import runtime
from interfaces.api.auth import OptionalRole
from interfaces.api.errors import problem

router = APIRouter(tags=["operations"])


@router.get("/health")
async def health() -> dict[str, str]:
    """The process is up (no dependency is checked).

    On the event loop, not in the thread pool: while the database is away, commands hold
    the pool's threads for up to `OMS_DATABASE_TIMEOUT` each, and liveness must not wait.
    """
    return {"status": "ok"}


@router.get("/ready", response_model=None)
def ready(request: Request, role: OptionalRole) -> dict[str, Any] | JSONResponse:
    """Ready when the database answers and every read model works and is near the head.

    503 when a read model is failing or more than `OMS_READY_MAX_LAG` positions behind.
    Only callers with an API key see why, the log head and each read model's state.
    """
    try:
        found = runtime.readiness(request.app.state)
    except runtime.DATABASE_ERRORS as error:
        detail = f"database unreachable: {type(error).__name__}"
        return problem(503, detail if role else "not ready")
    details = found.details() if role else {}
    if not found.ready:
        detail = "; ".join(found.problems) if role else "not ready"
        return problem(503, detail, members=details)
    return {"status": "ready", **details}


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    """Prometheus text: requests by route and status, latency, log head position."""
    return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE_LATEST)
