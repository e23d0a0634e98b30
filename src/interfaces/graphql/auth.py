"""Who may read: with `OMS_API_KEYS` set, any configured key (every role may read).

The key comes as `X-API-Key` or `Authorization: Bearer <key>`, on the HTTP request or on
the WebSocket handshake. Development mode (no keys) lets everyone read.
"""

from __future__ import annotations

from fastapi import HTTPException, WebSocketException, status
from starlette.requests import HTTPConnection

from application.settings import Role, Settings
from interfaces.callers import identify, presented_key


def authorize(connection: HTTPConnection, settings: Settings) -> Role | None:
    """The caller's role (None in development mode, where every read is allowed)."""
    if settings.dev_mode:
        return None
    key = presented_key(connection.headers)
    caller = identify(key, settings) if key else None
    if caller is not None:
        return caller.role
    message = "an API key is required (X-API-Key or Bearer)" if not key else "unknown API key"
    if connection.scope["type"] == "websocket":
        raise WebSocketException(status.WS_1008_POLICY_VIOLATION, message)
    raise HTTPException(401, message, headers={"WWW-Authenticate": 'Bearer realm="oms"'})
