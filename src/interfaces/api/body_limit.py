"""A cap on request bodies, enforced while the body streams in.

A declared `Content-Length` over the cap is refused before a byte of the body is read. A
body without one (chunked) is counted as it arrives and refused once it passes the cap, so
no request can make the process hold more than the cap in memory. (A declared length at
most the cap needs no counting: the server frames the body by it.)
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.exceptions import HTTPException
from starlette.types import Message, Receive

from interfaces.api.errors import Refusal

CLOSE = {"Connection": "close"}


class BodyTooLarge(HTTPException):
    """Raised from `receive`; FastAPI and Strawberry let HTTP exceptions through as they are."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


def declared_length(headers: Mapping[str, str]) -> int | None:
    declared = headers.get("content-length", "")
    return int(declared) if declared.isdigit() else None


def too_large(limit: int) -> Refusal:
    """The refusal of a declared length over the cap; the unread body stays on the socket,
    so the server closes the connection."""
    return Refusal(413, BodyTooLarge(limit).detail, CLOSE)


def counted(receive: Receive, limit: int) -> Receive:
    """`receive`, raising `BodyTooLarge` once the body passes `limit` bytes."""
    received = 0

    async def receive_counted() -> Message:
        nonlocal received
        message = await receive()
        if message["type"] == "http.request":
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit)
        return message

    return receive_counted
