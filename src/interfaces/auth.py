"""API keys, roles and who is calling: the one place REST, GraphQL and the CLI ask.

`OMS_API_KEYS` (`Settings.api_keys`, kept as written) lists `key:role[:name]` entries.
A key comes in `X-API-Key` or as `Authorization: Bearer <key>` and is compared in constant
time against every configured key. Without any key the service is in development mode:
no authentication, every caller acts as admin, and it may listen on loopback only.
The HTTP edges (`api/auth.py`, `api/auth_gate.py`, `graphql/auth.py`) only turn the
answers given here into their protocol's refusals.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import ipaddress
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from application.actor import DEV, Actor
from application.settings import Settings

# Shorter keys can be guessed; 16 random characters are beyond any online guessing.
MIN_API_KEY_LENGTH = 16
REQUIRED = "an API key is required (X-API-Key or Bearer)"
UNKNOWN = "unknown API key"
# Sent with every 401, REST and GraphQL alike.
CHALLENGE = {"WWW-Authenticate": 'Bearer realm="oms"'}


class Role(StrEnum):
    """What an API key may do."""

    ADMIN = "admin"
    AGENT = "agent"
    STORE = "store"
    AUDITOR = "auditor"


class InsecureBindError(ValueError):
    """Development mode (no API keys) asked to listen beyond loopback."""


@dataclass(frozen=True)
class Caller:
    role: Role
    key_name: str


@dataclass(frozen=True)
class ApiKeys:
    """The configured keys: each key's role and the name recorded as its events' actor."""

    roles: Mapping[str, Role] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> ApiKeys:
        """`key1:admin,key2:agent:alice`; a ValueError naming the entry's position (never
        its text, which may be a secret) for anything else."""
        roles: dict[str, Role] = {}
        names: dict[str, str] = {}
        entries = [entry.strip() for entry in text.split(",") if entry.strip()]
        for number, entry in enumerate(entries, start=1):
            key, sep, rest = (part.strip() for part in entry.partition(":"))
            role, _, name = (part.strip() for part in rest.partition(":"))
            if not sep or not key:
                raise ValueError(f"OMS_API_KEYS entry #{number} must look like 'key:role[:name]'")
            if role not in set(Role):
                allowed = ", ".join(r.value for r in Role)
                raise ValueError(
                    f"OMS_API_KEYS entry #{number}: unknown role {role!r} (allowed: {allowed})"
                )
            if len(key) < MIN_API_KEY_LENGTH:
                raise ValueError(
                    f"OMS_API_KEYS entry #{number}: the key has {len(key)} characters; "
                    f"keys need at least {MIN_API_KEY_LENGTH} (e.g. `openssl rand -hex 16`)"
                )
            if key in roles:
                raise ValueError("OMS_API_KEYS lists the same key twice")
            roles[key] = Role(role)
            names[key] = name or default_key_name(key, Role(role))
        return cls(roles, names)

    @property
    def dev_mode(self) -> bool:
        """No API keys: no authentication, loopback only."""
        return not self.roles

    def identify(self, key: str) -> Caller | None:
        """The configured key's role and name; None for an unknown key."""
        found = None
        for known in self.roles:
            if hmac.compare_digest(known.encode(), key.encode()):
                found = known
        return Caller(self.roles[found], self.names[found]) if found is not None else None


def default_key_name(key: str, role: Role) -> str:
    """A stable name for an unnamed key that does not give the key away."""
    return f"{role.value}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


@functools.cache
def _parsed(text: str) -> ApiKeys:
    return ApiKeys.parse(text)


def api_keys(settings: Settings) -> ApiKeys:
    """The settings' keys, parsed once (ValueError for a malformed OMS_API_KEYS)."""
    return _parsed(settings.api_keys)


def dev_mode(settings: Settings) -> bool:
    return api_keys(settings).dev_mode


def identify(key: str, settings: Settings) -> Caller | None:
    return api_keys(settings).identify(key)


def presented_key(headers: Mapping[str, str]) -> str | None:
    """The key a request carries (`X-API-Key` first, then a bearer token), if any."""
    key = headers.get("x-api-key")
    scheme, _, credentials = headers.get("authorization", "").partition(" ")
    if not key and scheme.lower() == "bearer":
        key = credentials.strip()
    return key or None


def caller_of(headers: Mapping[str, str], settings: Settings) -> Caller | None:
    """Who a request's key says it is; None without a key or with an unknown one."""
    key = presented_key(headers)
    return identify(key, settings) if key else None


def refusal(headers: Mapping[str, str]) -> str:
    """Why a request without a valid key is refused."""
    return UNKNOWN if presented_key(headers) else REQUIRED


def actor_for(headers: Mapping[str, str], settings: Settings, request_id: str) -> Actor:
    """The actor of a request: `dev` in development mode, else its key's role and name."""
    dev = dev_mode(settings)
    return caller_actor(None if dev else caller_of(headers, settings), request_id, dev=dev)


def caller_actor(caller: Caller | None, request_id: str, *, dev: bool) -> Actor:
    """The actor of a request whose key identified `caller`: `dev` in development mode.

    An unknown or missing key (`caller` None) gives an anonymous actor; authorization
    refuses such a request before it can change anything.
    """
    if dev:
        return Actor(DEV, DEV, request_id)
    if caller is None:
        return Actor("anonymous", "anonymous", request_id)
    return Actor(caller.role.value, caller.key_name, request_id)


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def ensure_safe_bind(settings: Settings) -> None:
    """Refuse to listen beyond loopback without API keys."""
    if dev_mode(settings) and not is_loopback(settings.host):
        raise InsecureBindError(
            f"Refusing to listen on {settings.host!r} in development mode (OMS_API_KEYS unset, "
            "so there is no authentication). Set OMS_API_KEYS or use OMS_HOST=127.0.0.1."
        )
