"""API keys and roles.

`OMS_API_KEYS` maps keys to roles. A key comes in `X-API-Key` or as
`Authorization: Bearer <key>`. Without any configured key the service is in
development mode: no authentication, every caller acts as admin (and
`interfaces.auth.ensure_safe_bind` keeps such a server on loopback).

What each role may do is declared per route with `allow(...)`; admin may do everything.
- agent: orders (placement, changes, holds, payments, cancellation), returns create/cancel
- store: node stock operations, shipment steps, returns receive/inspect
- auditor: no REST writes (reads go through GraphQL)
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from interfaces.api.service_state import service_state
from interfaces.auth import CHALLENGE, REQUIRED, UNKNOWN, Role, dev_mode, identify

_api_key_header = APIKeyHeader(
    name="X-API-Key", auto_error=False, description="API key from OMS_API_KEYS"
)
_bearer = HTTPBearer(auto_error=False, description="The API key as a bearer token")

Credentials = Annotated[str | None, Security(_api_key_header)]
BearerToken = Annotated[HTTPAuthorizationCredentials | None, Security(_bearer)]


async def optional_role(request: Request, api_key: Credentials, bearer: BearerToken) -> Role | None:
    """The caller's role on an endpoint open to all; None without a valid key."""
    settings = service_state(request.app).settings
    if dev_mode(settings):
        return Role.ADMIN
    key = api_key or (bearer.credentials if bearer else None)
    caller = identify(key, settings) if key else None
    return caller.role if caller is not None else None


async def current_role(request: Request, api_key: Credentials, bearer: BearerToken) -> Role:
    """The caller's role; 401 when keys are configured and none valid is given."""
    role = await optional_role(request, api_key, bearer)
    if role is None:
        raise HTTPException(401, UNKNOWN if api_key or bearer else REQUIRED, headers=CHALLENGE)
    return role


CurrentRole = Annotated[Role, Depends(current_role)]
OptionalRole = Annotated[Role | None, Depends(optional_role)]


def allow(*roles: Role) -> Callable[..., Awaitable[Role]]:
    """A dependency letting admin and `roles` through, 403 for any other role.

    It finds the role itself (not through `CurrentRole`): one dependency less to resolve
    on every command."""
    permitted = frozenset({Role.ADMIN, *roles})

    async def check(request: Request, api_key: Credentials, bearer: BearerToken) -> Role:
        role = await current_role(request, api_key, bearer)
        if role not in permitted:
            names = ", ".join(sorted(r.value for r in permitted))
            raise HTTPException(403, f"role {role.value!r} may not do this (allowed: {names})")
        return role

    return check


ADMIN_ONLY = Depends(allow())
AGENT = Depends(allow(Role.AGENT))
STORE = Depends(allow(Role.STORE))
