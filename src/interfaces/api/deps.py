"""The runtime objects routes need, as typed `Annotated` dependencies.

The lifespan (`runtime.start`, the GraphQL router's read pool) puts them on `app.state`,
a `ServiceState`; these read them back, each with its type, and say clearly when one is
missing (a route called before the service started, or without the GraphQL side).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from application.oms import OMS
from application.settings import Settings
from interfaces.api.metrics import Metrics
from interfaces.api.service_state import ServiceState, service_state
from interfaces.graphql.db import ReadPool

__all__ = [
    "IdempotencyKey",
    "MetricsDep",
    "OMSDep",
    "ReadPoolDep",
    "ServiceStateDep",
    "SettingsDep",
]


# Each reads `app.state` from the request itself rather than through another dependency:
# every dependency costs FastAPI a resolution step per request, and commands are hot.


async def get_service_state(request: Request) -> ServiceState:
    """The whole service (OMS, projections, settings), for the probes in `runtime`."""
    return service_state(request.app)


ServiceStateDep = Annotated[ServiceState, Depends(get_service_state)]


async def get_oms(request: Request) -> OMS:
    return service_state(request.app).started_oms()


async def get_settings(request: Request) -> Settings:
    return service_state(request.app).settings


async def get_metrics(request: Request) -> Metrics:
    return service_state(request.app).metrics


async def get_read_pool(request: Request) -> ReadPool:
    return service_state(request.app).started_read_pool()


OMSDep = Annotated[OMS, Depends(get_oms)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
MetricsDep = Annotated[Metrics, Depends(get_metrics)]
ReadPoolDep = Annotated[ReadPool, Depends(get_read_pool)]

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
