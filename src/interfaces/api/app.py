"""Composition root of the HTTP service: REST commands, operations, the web console.

Nothing touches the database at import time; the lifespan builds the OMS (and the
projection runner) when the server starts and closes them when it stops.

Routers: one per REST resource, operations, the console, and the GraphQL read side.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.telemetry import TelemetryConfig
from fastapi_offline import FastAPIOffline
from starlette.concurrency import run_in_threadpool

from application.settings import Settings
from interfaces.api import errors, runtime
from interfaces.api.edge import install_edge
from interfaces.api.metrics import Metrics
from interfaces.api.routes import (
    console,
    customers,
    documents,
    holds,
    invoices,
    kits,
    nodes,
    ops,
    orders,
    promise,
    returns,
    shipments,
    sourcing,
)
from interfaces.api.security_docs import document_security
from interfaces.api.service_state import ServiceState, service_state
from interfaces.assets import install_assets
from interfaces.graphql.router import graphql_router
from interfaces.graphql.schema import schema_for
from interfaces.heap import serving_heap
from interfaces.logging import configure_logging

DESCRIPTION = """Commands of the omnichannel order management system.

Every write answers with the log `position` of its last event; send it to GraphQL as
`X-OMS-Consistent-After` to read your own writes. Errors are `application/problem+json`.
Writes accept an `Idempotency-Key` header."""


NO_TELEMETRY: TelemetryConfig = {"tracing": False, "metrics": False, "logs": False}


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Blocking start-up (the embedded server, table creation) runs off the event loop.
    state = service_state(app)
    await run_in_threadpool(runtime.start, state)
    state.metrics.watch_head(lambda: runtime.log_head(state))
    state.metrics.attach(state)
    try:
        with serving_heap():
            yield
    finally:
        await run_in_threadpool(runtime.stop, state)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()
    configure_logging(settings.log_level)
    # Swagger UI (/docs) and ReDoc from files shipped in the package, not a CDN.
    app = FastAPIOffline(
        title="OMS",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        # FastAPI's OpenTelemetry hooks: no OpenTelemetry SDK is configured here (metrics go
        # to Prometheus, `/metrics`), yet asking whether one is costs every request.
        telemetry=NO_TELEMETRY,
    )
    metrics = Metrics()
    app.state = ServiceState(settings, metrics)
    install_edge(app, settings, metrics)
    errors.install(app)
    install_assets(app)
    # Orders first: routes are matched in order, and placements are most of the traffic.
    routers = (
        orders,
        nodes,
        shipments,
        returns,
        documents,
        sourcing,
        kits,
        promise,
        customers,
        holds,
        invoices,
        ops,
        console,
    )
    for module in routers:
        app.include_router(module.router)
    console.mount_assets(app)
    # GraphQL read side (its router's lifespan opens the read pool on app.state).
    schema = schema_for(fast_path=settings.graphql_fast_path)
    app.include_router(graphql_router(schema), prefix="/graphql")
    document_security(app)
    return app
