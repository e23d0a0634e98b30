"""Headers that tell browsers to keep the service's pages and answers to themselves."""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

HEADERS = {
    # Answers are what their content type says; no sniffing JSON into HTML.
    "X-Content-Type-Options": "nosniff",
    # No other site may frame the console, the docs or GraphiQL (clickjacking).
    "Content-Security-Policy": "frame-ancestors 'none'",
    # Links out of the console carry no URL (ids in paths stay here).
    "Referrer-Policy": "no-referrer",
}


class SecurityHeaders:
    """Adds `HEADERS` to every HTTP response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    headers.setdefault(name, value)
            await send(message)

        await self.app(scope, receive, with_headers)
