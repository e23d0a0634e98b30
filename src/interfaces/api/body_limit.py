"""A cap on request bodies, enforced while the body streams in.

A declared `Content-Length` over the cap is refused before a byte of the body is read;
a body without one (chunked) is counted as it arrives and refused once it passes the cap,
so no request can make the process hold more than the cap in memory.
"""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from interfaces.api.errors import problem

CLOSE = {"Connection": "close"}


class BodyTooLarge(HTTPException):
    """Raised from `receive`; FastAPI and Strawberry let HTTP exceptions through as they are."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodySizeLimit:
    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.max_bytes:
            # The unread body stays on the socket: the server closes the connection.
            refusal = problem(413, BodyTooLarge(self.max_bytes).detail, headers=CLOSE)
            await refusal(scope, receive, send)
            return
        received = 0

        async def counted() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    raise BodyTooLarge(self.max_bytes)
            return message

        await self.app(scope, counted, send)
