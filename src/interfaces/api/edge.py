"""The checks every request passes before any route sees it, outermost first.

1. `SecurityHeaders`: browser protections on every answer, refusals included.
2. `LoopbackHostOnly` (development mode only): DNS rebinding cannot reach a keyless server.
3. `AuthGate` (with API keys): 401/429 before the body is read or parsed.
4. `BodySizeLimit`: 413 beyond `max_body_bytes`, counted while the body streams in.
Connection-level limits (header deadline, connection caps) live in `connections`.
"""

from __future__ import annotations

from fastapi import FastAPI

from application.settings import Settings
from interfaces.api.auth_gate import AuthGate
from interfaces.api.body_limit import BodySizeLimit
from interfaces.api.loopback_host import LoopbackHostOnly
from interfaces.api.security_headers import SecurityHeaders
from interfaces.auth import dev_mode


def install_edge(app: FastAPI, settings: Settings) -> None:
    # Starlette runs the middleware added last first.
    app.add_middleware(BodySizeLimit, max_bytes=settings.max_body_bytes)
    if dev_mode(settings):
        app.add_middleware(LoopbackHostOnly)
    else:
        app.add_middleware(AuthGate, settings=settings)
    app.add_middleware(SecurityHeaders)
