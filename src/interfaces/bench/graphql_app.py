"""The server the GraphQL benchmark talks to: /graphql beside plain JSON endpoints.

Run by uvicorn in its own process (`bench_app` is a factory reading
`OMS_BENCH_DATABASE_URL` from that process's environment). The plain endpoints read the
same rows through the same read pool with the same SQL, and let FastAPI encode them: the
cost of the simplest read service, against which GraphQL's own cost shows.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from uuid import UUID

from fastapi import FastAPI, HTTPException, Request

from application.settings import Settings
from interfaces.api.metrics import Metrics
from interfaces.api.service_state import ServiceState, service_state
from interfaces.graphql.db import fetch_all, fetch_one
from interfaces.graphql.loaders import ORDER, ORDER_COLUMNS
from interfaces.graphql.router import graphql_router
from interfaces.graphql.schema import schema_for
from interfaces.heap import serving_heap

URL_VARIABLE = "OMS_BENCH_DATABASE_URL"
PAGE = (
    "SELECT " + ORDER_COLUMNS + " FROM order_tracking.orders "
    "ORDER BY placed_at DESC, order_id DESC LIMIT %s"
)
FIELDS = (
    "order_id",
    "external_ref",
    "channel",
    "status",
    "total",
    "paid",
    "placed_at",
    "updated_at",
    "customer_id",
    "customer_name",
    "customer_email",
)


@asynccontextmanager
async def serving(app: FastAPI) -> AsyncIterator[None]:
    """The heap set up as the OMS server sets it up."""
    with serving_heap():
        yield


def bench_app() -> FastAPI:
    url = os.environ[URL_VARIABLE]
    app = FastAPI(title="OMS GraphQL bench", lifespan=serving)
    settings = Settings(database_url=url, api_keys={})
    state = ServiceState(settings, Metrics())
    state.database_url = url
    app.state = state
    schema = schema_for(fast_path=settings.graphql_fast_path)  # OMS_GRAPHQL_FAST_PATH
    app.include_router(graphql_router(schema), prefix="/graphql")

    @app.get("/plain/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/plain/orders/{order_id}")
    async def order(order_id: UUID, request: Request) -> dict[str, Any]:
        row = await fetch_one(service_state(request.app).started_read_pool(), ORDER, (order_id,))
        if row is None:
            raise HTTPException(404)
        return {name: row[name] for name in FIELDS}

    @app.get("/plain/orders")
    async def orders(request: Request, limit: int = 100) -> list[dict[str, Any]]:
        rows = await fetch_all(service_state(request.app).started_read_pool(), PAGE, (limit,))
        return [{name: row[name] for name in FIELDS} for row in rows]

    return app
