"""Authentication before anything reads the request body, with failures rate-limited.

With API keys configured, a write (any method but GET, HEAD, OPTIONS) must carry a known
key, and any request that presents a key must present a known one: otherwise 401 at
once, before a route parses (or even receives) the body. Roles are checked later, per
route. Each client (by address) may fail `auth_failures_per_minute` times in a moving
minute; beyond that every request of that client needing a key gets 429 with
`Retry-After` until the window has room again, so keys cannot be guessed online.
"""

from __future__ import annotations

import math
import time

from limits import RateLimitItemPerMinute
from limits.storage import MemoryStorage
from limits.strategies import MovingWindowRateLimiter
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Receive, Scope, Send

from application.settings import Settings
from interfaces.api.errors import problem
from interfaces.auth import CHALLENGE, REQUIRED, UNKNOWN, dev_mode, identify, presented_key

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class AuthGate:
    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.failures = MovingWindowRateLimiter(MemoryStorage())
        self.allowed = RateLimitItemPerMinute(settings.auth_failures_per_minute)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket") or dev_mode(self.settings):
            await self.app(scope, receive, send)
            return
        key = presented_key(Headers(scope=scope))
        if key is None and scope.get("method", "GET") in SAFE_METHODS:
            await self.app(scope, receive, send)  # public pages; routes decide the rest
            return
        client = scope["client"][0] if scope.get("client") else "unknown"
        if not self.failures.test(self.allowed, client):
            reset = self.failures.get_window_stats(self.allowed, client).reset_time
            retry = {"Retry-After": str(max(1, math.ceil(reset - time.time())))}
            detail = "too many failed authentications from this client; try again later"
            await _refuse(scope, receive, send, 429, detail, retry)
        elif key is not None and identify(key, self.settings) is not None:
            await self.app(scope, receive, send)
        else:
            self.failures.hit(self.allowed, client)
            detail = UNKNOWN if key else REQUIRED
            await _refuse(scope, receive, send, 401, detail, CHALLENGE)


async def _refuse(
    scope: Scope, receive: Receive, send: Send, status: int, detail: str, headers: dict[str, str]
) -> None:
    if scope["type"] == "websocket":
        # Closing before accepting refuses the handshake (HTTP 403).
        await send({"type": "websocket.close", "code": 1008, "reason": detail})
        return
    # The body was never read: the server drops the connection after this answer.
    response = problem(status, detail, headers={**headers, "Connection": "close"})
    await response(scope, receive, send)
