"""Who may read: with `OMS_API_KEYS` set, any configured key (every role may read).

The key comes as `X-API-Key` or `Authorization: Bearer <key>` on the HTTP request or on
the WebSocket handshake. Browsers cannot set headers on a WebSocket, so a handshake
without a key is let through and the key must then come in the `connection_init`
payload as `{"apiKey": "..."}` (graphql-transport-ws): without it the connection is
closed before any subscription starts; such failures are rate-limited per client like
failed keys on HTTP (`auth_failures_per_minute`), so keys cannot be guessed this way
either. Development mode (no keys) lets everyone read.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, WebSocketException, status
from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.requests import HTTPConnection
from strawberry.exceptions import ConnectionRejectionError

from application.settings import Settings
from interfaces.auth import CHALLENGE, Role, caller_of, dev_mode, identify, presented_key, refusal

CONNECTION_PARAM = "apiKey"


def key_comes_later(connection: HTTPConnection, settings: Settings) -> bool:
    """A key-less WebSocket handshake: the key must come in `connection_init`."""
    return (
        not dev_mode(settings)
        and connection.scope["type"] == "websocket"
        and presented_key(connection.headers) is None
    )


def authorize(connection: HTTPConnection, settings: Settings) -> Role | None:
    """The caller's role (None in development mode, where every read is allowed)."""
    if dev_mode(settings):
        return None
    caller = caller_of(connection.headers, settings)
    if caller is not None:
        return caller.role
    message = refusal(connection.headers)
    if connection.scope["type"] == "websocket":
        raise WebSocketException(status.WS_1008_POLICY_VIOLATION, message)
    raise HTTPException(401, message, headers=CHALLENGE)


class ConnectionKeyCheck:
    """Checks the key a WebSocket sends in `connection_init`, counting failures per client."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.failures = MovingWindowRateLimiter(MemoryStorage())
        self.allowed = RateLimitItemPerMinute(settings.auth_failures_per_minute)

    def __call__(self, params: Any, client: str) -> Role:
        """The role of the key the connection carries; refused without a known key (or
        when the client is over its failures)."""
        key = params.get(CONNECTION_PARAM) if isinstance(params, dict) else None
        if not self.failures.test(self.allowed, client):
            raise ConnectionRejectionError()
        caller = identify(key, self.settings) if isinstance(key, str) and key else None
        if caller is None:
            self.failures.hit(self.allowed, client)
            raise ConnectionRejectionError()
        return caller.role
