"""The runtime objects routes need, as typed `Annotated` dependencies.

The lifespan (`runtime.start`, the GraphQL router's read pool) puts them on `app.state`;
this is the one module that reads them back, each with its type, and says clearly when
one is missing (a route called before the service started, or without the GraphQL side).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Depends, Header, Request
from starlette.datastructures import State

from application.oms import OMS
from application.settings import Settings
from interfaces.api.metrics import Metrics
from interfaces.graphql.db import ReadPool

__all__ = [
    "IdempotencyKey",
    "MetricsDep",
    "OMSDep",
    "ReadPoolDep",
    "ServiceStateDep",
    "SettingsDep",
]


def _runtime(request: Request, name: str) -> Any:
    found = getattr(request.app.state, name, None)
    if found is None:
        raise RuntimeError(f"app.state.{name} is not set: is the service started?")
    return found


async def get_oms(request: Request) -> OMS:
    oms: OMS = _runtime(request, "oms")
    return oms


async def get_settings(request: Request) -> Settings:
    settings: Settings = _runtime(request, "settings")
    return settings


async def get_metrics(request: Request) -> Metrics:
    metrics: Metrics = _runtime(request, "metrics")
    return metrics


async def get_read_pool(request: Request) -> ReadPool:
    """The GraphQL side's read pool (its router's lifespan opens it)."""
    pool: ReadPool = _runtime(request, "graphql_pool")
    return pool


async def get_service_state(request: Request) -> State:
    """The whole started service (OMS, projections, settings), for the probes in `runtime`."""
    state: State = request.app.state
    return state


OMSDep = Annotated[OMS, Depends(get_oms)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
ReadPoolDep = Annotated[ReadPool, Depends(get_read_pool)]
ServiceStateDep = Annotated[State, Depends(get_service_state)]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="A retry with the same key returns the first answer instead of "
        "repeating the command; the same key with a different request is a 409.",
    ),
]
