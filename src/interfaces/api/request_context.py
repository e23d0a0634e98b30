"""Each HTTP request's id and actor, set for everything the request does.

The id is the caller's `X-Request-ID` when it is a plain token (at most 128 characters of
letters, digits and `._:/+=-`), else a new one; it is echoed in the response's
`X-Request-ID` header and bound to every log line written while serving the request. The
actor (see `application.actor`) is who the API key says the caller is, so the events the
request's commands store name it, and so do those log lines (`actor`: the key's name).
"""

from __future__ import annotations

import re
import uuid

import structlog
from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from application.actor import acting_as
from application.settings import Settings
from interfaces.auth import actor_for

HEADER = "X-Request-ID"
_TOKEN = re.compile(r"[A-Za-z0-9._:/+=-]{1,128}")


def request_id_from(headers: Headers) -> str:
    given = headers.get(HEADER)
    if given is not None and _TOKEN.fullmatch(given):
        return given
    return uuid.uuid4().hex


class RequestContextMiddleware:
    """Outermost middleware: the request's id and actor for the whole of its handling."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        request_id = request_id_from(headers)

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                MutableHeaders(scope=message)[HEADER] = request_id
            await send(message)

        actor = actor_for(headers, self.settings, request_id)
        with (
            acting_as(actor),
            structlog.contextvars.bound_contextvars(request_id=request_id, actor=actor.key_name),
        ):
            await self.app(scope, receive, send_with_id)
