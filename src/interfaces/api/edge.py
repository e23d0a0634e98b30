"""The edge: what every request passes before any route sees it, in one middleware.

For each HTTP request and WebSocket handshake, in one pass over its headers:
1. its id (`request_context`) and its caller: the API key is identified once, its role left
   in the scope for the routes' role checks (`auth`), the actor and the id bound to
   everything the request does and logs;
2. refusals, before the body is read: in development mode a `Host` that is not loopback
   (421, `loopback_host`); with API keys a missing or unknown key where one is needed
   (401, 429 when failing too often, `auth_gate`); a declared body over the cap (413);
3. a body without a declared length is counted as it streams in (`body_limit`);
4. every HTTP answer, refusals included, carries the security headers and `X-Request-ID`
   (`security_headers`), is counted and timed under its route template (`metrics`), and
   is logged as one line.
A command route on a fixed path that answered once (`POST /orders`) is answered from here
on without the layers of routing in between (`command_shortcuts`).
Connection-level limits (header deadline, connection caps) live in `connections`.

One middleware rather than one per concern: each layer wraps `send` and `receive` again,
and on a placement the layers cost more than what they do.
"""

from __future__ import annotations

import time

import structlog
from fastapi import FastAPI
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.actor import acting_as
from application.settings import Settings
from interfaces.api.auth import ROLE
from interfaces.api.auth_gate import AuthGate
from interfaces.api.body_limit import counted, declared_length, too_large
from interfaces.api.command_shortcuts import SHORTCUTS, CommandShortcuts
from interfaces.api.errors import Refusal
from interfaces.api.loopback_host import MISDIRECTED, loopback_host
from interfaces.api.metrics import Metrics, route_label
from interfaces.api.request_context import request_id_from
from interfaces.api.security_headers import edge_headers
from interfaces.auth import Caller, Role, api_keys, caller_actor, presented_key

log = structlog.get_logger("oms.http")


class Edge:
    def __init__(self, app: ASGIApp, settings: Settings, metrics: Metrics) -> None:
        self.app = app
        self.shortcuts = CommandShortcuts(app)
        self.metrics = metrics
        self.max_bytes = settings.max_body_bytes
        self.keys = api_keys(settings)
        self.gate = None if self.keys.dev_mode else AuthGate(settings)
        # Bound once, under the logging the app configured: a module-level proxy would
        # bind a new logger for every request's line.
        self.log = log.bind()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        request_id = request_id_from(headers)
        key = presented_key(headers)
        caller = self.keys.identify(key) if key is not None and self.gate else None
        scope[ROLE] = Role.ADMIN if self.gate is None else (caller.role if caller else None)
        actor = caller_actor(caller, request_id, dev=self.gate is None)
        refusal = self._refusal(scope, headers, key, caller)
        logged = structlog.contextvars.bind_contextvars(request_id=request_id, actor=actor.key_name)
        try:
            with acting_as(actor):
                if scope["type"] == "http":
                    await self._http(scope, receive, send, headers, request_id, refusal)
                elif refusal is not None:
                    await send({"type": "websocket.close", "code": 1008, "reason": refusal.detail})
                else:
                    await self.app(scope, receive, send)
        finally:
            structlog.contextvars.reset_contextvars(**logged)

    def _refusal(
        self, scope: Scope, headers: Headers, key: str | None, caller: Caller | None
    ) -> Refusal | None:
        if self.gate is None:
            refused = None if loopback_host(headers.get("host", "")) else MISDIRECTED
        else:
            refused = self.gate.refusal(scope, key, known=caller is not None)
        if refused is None and scope["type"] == "http":
            declared = declared_length(headers)
            if declared is not None and declared > self.max_bytes:
                return too_large(self.max_bytes)
        return refused

    async def _http(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: Headers,
        request_id: str,
        refusal: Refusal | None,
    ) -> None:
        started = time.perf_counter()
        status = 500

        async def send_at_edge(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = edge_headers(message.get("headers", ()), request_id)
            await send(message)

        scope[SHORTCUTS] = self.shortcuts
        app = self.shortcuts.find(scope) or self.app
        try:
            if refusal is not None:
                await refusal.response()(scope, receive, send_at_edge)
            elif declared_length(headers) is None:
                await app(scope, counted(receive, self.max_bytes), send_at_edge)
            else:
                await app(scope, receive, send_at_edge)
        finally:
            self._answered(scope, status, time.perf_counter() - started)

    def _answered(self, scope: Scope, status: int, seconds: float) -> None:
        route = route_label(scope)
        method = scope["method"]
        self.metrics.answered(method, route, status, seconds)
        self.log.info(
            "request",
            method=method,
            path=scope["path"],
            route=route,
            status=status,
            ms=round(seconds * 1000, 1),
        )


def install_edge(app: FastAPI, settings: Settings, metrics: Metrics) -> None:
    """The edge outermost among the app's own middleware (Starlette runs the one added
    last first)."""
    app.add_middleware(Edge, settings=settings, metrics=metrics)
