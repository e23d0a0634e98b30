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
from starlette.types import Scope

from application.settings import Settings
from interfaces.api.errors import Refusal
from interfaces.auth import CHALLENGE, REQUIRED, UNKNOWN

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class AuthGate:
    def __init__(self, settings: Settings) -> None:
        self.failures = MovingWindowRateLimiter(MemoryStorage())
        self.allowed = RateLimitItemPerMinute(settings.auth_failures_per_minute)

    def refusal(self, scope: Scope, key: str | None, known: bool) -> Refusal | None:
        """The answer refusing a request presenting `key` (`known`: a configured one), or
        None to let it through."""
        if key is None and scope.get("method", "GET") in SAFE_METHODS:
            return None  # public pages; routes decide the rest
        client = scope["client"][0] if scope.get("client") else "unknown"
        if not self.failures.test(self.allowed, client):
            reset = self.failures.get_window_stats(self.allowed, client).reset_time
            retry = {"Retry-After": str(max(1, math.ceil(reset - time.time())))}
            detail = "too many failed authentications from this client; try again later"
            return _refuse(429, detail, retry)
        if known:
            return None
        self.failures.hit(self.allowed, client)
        return _refuse(401, UNKNOWN if key else REQUIRED, CHALLENGE)


def _refuse(status: int, detail: str, headers: dict[str, str]) -> Refusal:
    # The body was never read: the server drops the connection after this answer.
    return Refusal(status, detail, {**headers, "Connection": "close"})
