"""Operations: liveness, readiness and Prometheus metrics (no authentication)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST

from interfaces.api import runtime
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
def ready(request: Request) -> dict[str, Any] | JSONResponse:
    """The database answers; with projections in process, where each one stands."""
    try:
        return runtime.readiness(request.app.state)
    except runtime.DATABASE_ERRORS as error:
        return problem(503, f"database unreachable: {type(error).__name__}")


@router.get("/metrics", response_class=Response)
def metrics(request: Request) -> Response:
    """Prometheus text: requests by route and status, latency, log head position."""
    return Response(request.app.state.metrics.render(), media_type=CONTENT_TYPE_LATEST)
