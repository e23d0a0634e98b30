"""The FastAPI router serving the schema: POST (and GET) /graphql, GraphiQL, WebSockets.

Mount it in the composition root with `app.include_router(graphql_router(), prefix="/graphql")`.
It reads from `app.state`, a `ServiceState`: `settings` (API keys), `database_url`, and
if set `projections` (the in-process `ProjectionRunner`, for the consistency wait and
status), `oms` (for the log head when the runner is elsewhere) and `metrics`. Its own
lifespan opens the read pool (`graphql_pool`) and starts listening for read model changes
(`read_signal`) after the app's lifespan has set those, unless a pool is already there.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any, cast

import orjson
from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from starlette.requests import HTTPConnection, Request
from starlette.responses import Response
from strawberry.fastapi import GraphQLRouter
from strawberry.http import GraphQLHTTPResponse
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types import ExecutionResult
from strawberry.types.unset import UNSET, UnsetType

from application.audit import AuditLog
from application.connections import connection_options
from interfaces.api.service_state import service_state
from interfaces.assets import graphiql_page
from interfaces.graphql import media, openapi
from interfaces.graphql.auth import ConnectionKeyCheck, authorize, key_comes_later
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import open_read_pool
from interfaces.graphql.order_loading import load_orders
from interfaces.graphql.read_signal import ReadModelSignal
from interfaces.graphql.schema import schema as default_schema


@asynccontextmanager
async def read_pool_lifespan(app: FastAPI) -> AsyncIterator[None]:
    state = service_state(app)
    if state.graphql_pool is not None:
        yield
        return
    settings = state.settings
    url, timeout = state.started_database_url(), settings.database_timeout
    pool = await open_read_pool(url, max_size=settings.pool_size, timeout=timeout)
    signal = ReadModelSignal(url, connection_options(timeout))
    state.graphql_pool, state.read_signal = pool, signal
    await signal.start()
    try:
        yield
    finally:
        await signal.stop()
        await pool.close()
        state.graphql_pool = state.read_signal = None


async def get_context(connection: HTTPConnection) -> GraphQLContext:
    state = service_state(connection.app)
    # The GraphiQL page holds no data and runs nothing; the queries it sends need the key.
    ide = _asks_for_the_ide(connection)
    awaiting_key = key_comes_later(connection, state.settings)
    role = None if ide or awaiting_key else authorize(connection, state.settings)
    oms = state.oms
    context = GraphQLContext(
        state.started_read_pool(),
        load_orders=load_orders,
        cache=connection.scope["type"] != "websocket",
        runner=state.projections,
        signal=state.read_signal,
        log_head=oms.head if oms is not None else None,
        role=role,
        audit=AuditLog(oms) if oms is not None else None,
        promise=oms.promise if oms is not None else None,
    )
    context.awaiting_key = awaiting_key
    context.observe_operation = state.metrics.graphql_operation
    return context


def _asks_for_the_ide(connection: HTTPConnection) -> bool:
    """A browser's GET for the GraphiQL page (the rule Strawberry renders it by)."""
    scope = connection.scope
    return (
        scope["type"] == "http"
        and scope["method"] == "GET"
        and "query" not in connection.query_params
        and any(kind in connection.headers.get("accept", "") for kind in ("text/html", "*/*"))
    )


class OMSGraphQLRouter(GraphQLRouter[GraphQLContext, None]):
    """Strawberry's router with orjson for bodies (json as fallback) and a local GraphiQL."""

    async def render_graphql_ide(self, request: Request) -> HTMLResponse:
        return HTMLResponse(graphiql_page())

    async def on_ws_connect(self, context: GraphQLContext) -> UnsetType:
        """A WebSocket opened without a key header must send it in `connection_init`."""
        if context.awaiting_key:
            websocket = context.request
            assert websocket is not None
            state = service_state(websocket.app)
            if state.connection_key_check is None:
                state.connection_key_check = ConnectionKeyCheck(state.settings)
            client = websocket.client.host if websocket.client else "unknown"
            context.role = state.connection_key_check(context.connection_params, client)
            context.awaiting_key = False
        return UNSET

    async def process_result(
        self, request: Request, result: ExecutionResult
    ) -> GraphQLHTTPResponse:
        body = await super().process_result(request, result)
        accept = request.headers.get("accept", "")
        if media.GRAPHQL_RESPONSE not in accept:  # most requests: nothing to negotiate
            return body
        return cast(GraphQLHTTPResponse, media.answer(dict(body), result, accept))

    def create_response(
        self,
        response_data: GraphQLHTTPResponse | list[GraphQLHTTPResponse],
        sub_response: Response,
    ) -> Response:
        response = super().create_response(response_data, sub_response)
        if isinstance(response_data, media.Answer):
            response.headers["content-type"] = response_data.media_type
            if response_data.status_code is not None:
                response.status_code = response_data.status_code
        return response

    def decode_json(self, data: str | bytes) -> object:
        return orjson.loads(data)

    def encode_json(self, data: object) -> str | bytes:
        try:
            # str, not bytes: WebSocket messages must go as text frames.
            return orjson.dumps(data, option=orjson.OPT_NON_STR_KEYS).decode()
        except TypeError:  # something orjson does not take (a huge int, a custom type)
            return super().encode_json(data)


def graphql_router(schema: Any = None) -> GraphQLRouter[GraphQLContext, None]:
    router = OMSGraphQLRouter(
        schema or default_schema,
        context_getter=get_context,
        graphql_ide="graphiql",
        subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
        lifespan=read_pool_lifespan,
    )
    openapi.describe(router.routes)
    return router
