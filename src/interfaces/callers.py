"""Who is calling: the API key presented on a request, and the configured role and name of it.

A key comes in `X-API-Key` or as `Authorization: Bearer <key>`. Keys are compared in
constant time against every configured key.
"""

from __future__ import annotations

import hmac
from collections.abc import Mapping
from dataclasses import dataclass

from application.actor import DEV, Actor
from application.settings import Role, Settings


@dataclass(frozen=True)
class Caller:
    role: Role
    key_name: str


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key a request carries (`X-API-Key` first, then a bearer token), if any."""
    key = headers.get("x-api-key")
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if not key and scheme.lower() == "bearer":
        key = credentials.strip()
    return key or None


def identify(key: str, settings: Settings) -> Caller | None:
    """The configured key's role and name; None for an unknown key."""
    found = None
    for known in settings.api_keys:
        if hmac.compare_digest(known.encode(), key.encode()):
            found = known
    if found is None:
        return None
    return Caller(settings.api_keys[found], settings.key_name(found))


def actor_for(headers: Mapping[str, str], settings: Settings, request_id: str) -> Actor:
    """The actor of a request: `dev` in development mode, else its key's role and name.

    An unknown or missing key gives an anonymous actor; authorization refuses such a
    request before it can change anything.
    """
    if settings.dev_mode:
        return Actor(DEV, DEV, request_id)
    key = presented_key(headers)
    caller = identify(key, settings) if key else None
    if caller is None:
        return Actor("anonymous", "anonymous", request_id)
    return Actor(caller.role.value, caller.key_name, request_id)
