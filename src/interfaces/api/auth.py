"""API keys and roles.

`OMS_API_KEYS` maps keys to roles. A key comes in `X-API-Key` or as
`Authorization: Bearer <key>`. Without any configured key the service is in
development mode: no authentication, every caller acts as admin (and
`interfaces.auth.ensure_safe_bind` keeps such a server on loopback).

The edge (`api/edge.py`) identifies the caller once per request and leaves its role in the
request's scope; the dependencies here only read it, so a command resolves no security
sub-dependencies. What each role may do is declared per route with `allow(...)`; admin may
do everything.
- agent: orders (placement, changes, holds, payments, cancellation), returns create/cancel
- store: node stock operations, shipment steps, returns receive/inspect
- auditor: no REST writes (reads go through GraphQL)
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, HTTPException, Request
from starlette.types import Scope

from interfaces.auth import CHALLENGE, REQUIRED, UNKNOWN, Role, presented_key

ROLE = "oms.role"  # the scope key under which the edge leaves the caller's role (or None)


def role_in(scope: Scope) -> Role | None:
    """The role the edge found for this request; None (no valid key) if it found none."""
    role: Role | None = scope.get(ROLE)
    return role


class CallerRole:
    """A dependency giving the caller's role; the OpenAPI document marks the operations
    using one as needing a key (`security_docs`).

    `required`: 401 without a valid key (else None); `permitted`: 403 for a role not in it
    (admin is always permitted)."""

    def __init__(self, required: bool = True, permitted: frozenset[Role] | None = None) -> None:
        self.required = required
        self.permitted = permitted

    async def __call__(self, request: Request) -> Role | None:
        role = role_in(request.scope)
        if role is None and self.required:
            detail = UNKNOWN if presented_key(request.headers) else REQUIRED
            raise HTTPException(401, detail, headers=CHALLENGE)
        if role is not None and self.permitted is not None and role not in self.permitted:
            names = ", ".join(sorted(r.value for r in self.permitted))
            raise HTTPException(403, f"role {role.value!r} may not do this (allowed: {names})")
        return role


def allow(*roles: Role) -> CallerRole:
    """A dependency letting admin and `roles` through, 401 without a key, 403 otherwise."""
    return CallerRole(permitted=frozenset({Role.ADMIN, *roles}))


CurrentRole = Annotated[Role, Depends(CallerRole())]
OptionalRole = Annotated[Role | None, Depends(CallerRole(required=False))]

ADMIN_ONLY = Depends(allow())
AGENT = Depends(allow(Role.AGENT))
STORE = Depends(allow(Role.STORE))
