"""Who may read: with `OMS_API_KEYS` set, any configured key (every role may read).

The key comes as `X-API-Key` or `Authorization: Bearer <key>`, on the HTTP request or on
the WebSocket handshake. Development mode (no keys) lets everyone read.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, WebSocketException, status
from starlette.requests import HTTPConnection

from application.settings import Settings


def authorize(connection: HTTPConnection, settings: Settings) -> None:
    if settings.dev_mode:
        return
    headers = connection.headers
    key = headers.get("x-api-key")
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if not key and scheme.lower() == "bearer":
        key = credentials.strip()
    if key and _known(key, settings):
        return
    message = "an API key is required (X-API-Key or Bearer)" if not key else "unknown API key"
    if connection.scope["type"] == "websocket":
        raise WebSocketException(status.WS_1008_POLICY_VIOLATION, message)
    raise HTTPException(401, message, headers={"WWW-Authenticate": 'Bearer realm="oms"'})


def _known(key: str, settings: Settings) -> bool:
    """Compared in constant time against every configured key."""
    found = False
    for known in settings.api_keys:
        found |= hmac.compare_digest(known.encode(), key.encode())
    return found
