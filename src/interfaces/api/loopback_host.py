"""Development mode answers only requests addressed to a loopback name (DNS rebinding).

Without API keys anyone who can reach the server is admin, and it listens on loopback only.
A web page elsewhere could still reach it through the visitor's browser by pointing its own
domain at 127.0.0.1 (DNS rebinding); such requests carry that domain in `Host`, so the edge
refuses any `Host` that is not localhost, a 127.0.0.0/8 address or ::1 with 421.
"""

from __future__ import annotations

import functools

from interfaces.api.errors import Refusal
from interfaces.auth import is_loopback

DETAIL = "development mode (no API keys) answers only requests to localhost, 127.0.0.1 or [::1]"


@functools.lru_cache(maxsize=256)
def loopback_host(host: str) -> bool:
    """Whether a `Host` header names a loopback address; remembered for the few values a
    server sees (parsing an address costs every request otherwise)."""
    return is_loopback(host_name(host))


def host_name(host: str) -> str:
    """`Host` without its port: `[::1]:8000` → `::1`, `localhost:8000` → `localhost`."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


MISDIRECTED = Refusal(421, DETAIL)
