"""Process configuration, read once from the environment.

`DATABASE_URL` has no prefix; every other variable starts with `OMS_`.
Nothing here touches `os.environ`: the eventsourcing environment is returned
as a dict to pass to `Application(env=...)`.
"""

import hashlib
import ipaddress
import math
from collections.abc import Mapping
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

from psycopg.conninfo import conninfo_to_dict
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from application.persistence import DEFAULT_TIMEOUT


class Role(StrEnum):
    """What an API key may do."""

    ADMIN = "admin"
    AGENT = "agent"
    STORE = "store"
    AUDITOR = "auditor"


# Shorter keys can be guessed; 16 random characters are beyond any online guessing.
MIN_API_KEY_LENGTH = 16


class InsecureBindError(ValueError):
    """Development mode (no API keys) asked to listen beyond loopback."""


def parse_api_keys(value: str) -> dict[str, Role]:
    """Parse `key1:admin,key2:agent:alice` into `{key: Role}` (names: `parse_api_key_names`)."""
    keys: dict[str, Role] = {}
    entries = _entries(value)
    for number, entry in enumerate(entries, start=1):
        key, sep, role = (part.strip() for part in entry.partition(":"))
        role = role.partition(":")[0].strip()
        if not sep or not key:
            # The entry itself may be a secret: name its position, not its text.
            raise ValueError(f"OMS_API_KEYS entry #{number} must look like 'key:role[:name]'")
        try:
            keys[key] = Role(role)
        except ValueError:
            allowed = ", ".join(r.value for r in Role)
            raise ValueError(
                f"OMS_API_KEYS entry #{number}: unknown role {role!r} (allowed: {allowed})"
            ) from None
    if len(keys) != len(entries):
        raise ValueError("OMS_API_KEYS lists the same key twice")
    return keys


def parse_api_key_names(value: str) -> dict[str, str]:
    """The names given in `key:role:name` entries, `{key: name}` (recorded as event actors)."""
    names = {}
    for entry in _entries(value):
        key, _, rest = (part.strip() for part in entry.partition(":"))
        name = rest.partition(":")[2].strip()
        if name:
            names[key] = name
    return names


def default_key_name(key: str, role: Role) -> str:
    """A stable name for an unnamed key that does not give the key away."""
    return f"{role.value}-{hashlib.sha256(key.encode()).hexdigest()[:8]}"


def _entries(value: str) -> list[str]:
    return [entry.strip() for entry in value.split(",") if entry.strip()]


class Settings(BaseSettings):
    """Every setting of an OMS process."""

    model_config = SettingsConfigDict(
        env_prefix="OMS_", extra="ignore", frozen=True, hide_input_in_errors=True
    )

    database_url: str | None = Field(
        default=None, validation_alias=AliasChoices("DATABASE_URL", "database_url")
    )
    data_dir: Path = Path(".oms-data")
    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=0, le=65535)
    api_keys: Annotated[dict[str, Role], NoDecode] = Field(default_factory=dict)
    # Filled from the `:name` parts of OMS_API_KEYS entries.
    api_key_names: Annotated[dict[str, str], NoDecode] = Field(default_factory=dict)
    log_level: str = "INFO"
    pool_size: int = Field(default=10, ge=1)
    lock_timeout_ms: int = Field(default=5000, ge=0)
    # Seconds a request waits for the database (a pooled connection, a new connection, one
    # statement) before it fails: 503 with Retry-After, or GraphQL DATABASE_UNAVAILABLE.
    database_timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0, le=300)
    snapshot_interval: int = Field(default=100, ge=0)
    # A command racing other writers retries (backoff with jitter) for up to this long.
    conflict_retry_ms: int = Field(default=5000, ge=0)
    # False when `oms project` workers keep the read models current instead of the API.
    projections_in_process: bool = True
    # `/ready` answers 503 while no projector process is connected to the database (set by
    # `oms serve` for its front-ends; set it where `oms project` workers keep the models).
    require_projector: bool = False
    # `/ready` answers 503 when a read model is this many log positions behind the head.
    ready_max_lag: int = Field(default=10_000, ge=0)
    # The hash chain over the event log is sealed this often (seconds) while it grows.
    seal_interval_s: float = Field(default=3600.0, gt=0)
    # Password of the read-only `oms_bi` role; unset: no such login is created.
    bi_password: SecretStr | None = None
    # Embedded PostgreSQL only: also listen on 127.0.0.1:<port> (password logins only).
    bi_port: int | None = Field(default=None, ge=1, le=65535)
    # GraphQL's fast path (compiled plain fields, lookahead on the syntax tree, direct batch
    # loads), built on internals of strawberry and graphql-core; false: their own paths.
    graphql_fast_path: bool = True
    # Limits at the edge, applied before a request reaches a route.
    max_body_bytes: int = Field(default=1_048_576, ge=1)
    auth_failures_per_minute: int = Field(default=10, ge=1)
    header_timeout_s: float = Field(default=10.0, gt=0)
    keep_alive_timeout_s: int = Field(default=5, ge=1)
    max_connections: int = Field(default=1000, ge=1)
    max_connections_per_client: int = Field(default=100, ge=1)

    @model_validator(mode="after")
    def _tcp_needs_a_password(self) -> "Settings":
        if self.bi_port is not None and self.bi_password is None:
            raise ValueError("OMS_BI_PORT opens TCP for the oms_bi login: set OMS_BI_PASSWORD too")
        return self

    @field_validator("database_url", "bi_password", "bi_port", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @model_validator(mode="before")
    @classmethod
    def _names_from_api_keys(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("api_keys"), str):
            return {**data, "api_key_names": parse_api_key_names(data["api_keys"])}
        return data

    @field_validator("api_keys", mode="before")
    @classmethod
    def _parse_api_keys(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_api_keys(value)
        if isinstance(value, Mapping):
            return {str(k): v for k, v in value.items()}
        return value

    @field_validator("api_keys")
    @classmethod
    def _long_enough(cls, keys: dict[str, Role]) -> dict[str, Role]:
        for number, key in enumerate(keys, start=1):
            if len(key) < MIN_API_KEY_LENGTH:
                raise ValueError(
                    f"OMS_API_KEYS entry #{number}: the key has {len(key)} characters; "
                    f"keys need at least {MIN_API_KEY_LENGTH} (e.g. `openssl rand -hex 16`)"
                )
        return keys

    @field_validator("log_level")
    @classmethod
    def _upper_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"OMS_LOG_LEVEL {value!r} is not a log level")
        return level

    def key_name(self, key: str) -> str:
        """The name recorded as the actor of what this (configured) key does."""
        return self.api_key_names.get(key) or default_key_name(key, self.api_keys[key])

    @property
    def dev_mode(self) -> bool:
        """No API keys: no authentication, loopback only."""
        return not self.api_keys

    def ensure_safe_bind(self) -> None:
        """Refuse to listen beyond loopback without API keys."""
        if self.dev_mode and not is_loopback(self.host):
            raise InsecureBindError(
                f"Refusing to listen on {self.host!r} in development mode (OMS_API_KEYS unset, "
                "so there is no authentication). Set OMS_API_KEYS or use OMS_HOST=127.0.0.1."
            )


def is_loopback(host: str) -> bool:
    """True for localhost, 127.0.0.0/8 and ::1."""
    if host.strip().lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def eventsourcing_env(settings: Settings, database_url: str) -> dict[str, str]:
    """The eventsourcing environment for the PostgreSQL event store at `database_url`."""
    params = conninfo_to_dict(database_url)
    user = str(params.get("user") or "postgres")
    lock_timeout_s = math.ceil(settings.lock_timeout_ms / 1000)
    timeout_s = math.ceil(settings.database_timeout)
    return {
        **_common_env(settings.snapshot_interval),
        # eventsourcing.postgres with every wait bounded (application/persistence.py).
        "PERSISTENCE_MODULE": "application.persistence:Factory",
        "DATABASE_TIMEOUT": str(settings.database_timeout),
        "POSTGRES_CONNECT_TIMEOUT": str(timeout_s),
        "POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT": str(timeout_s),
        "POSTGRES_PRE_PING": "y",
        "POSTGRES_DBNAME": str(params.get("dbname") or user),
        "POSTGRES_HOST": str(params.get("host") or "localhost"),
        "POSTGRES_PORT": str(params.get("port") or "5432"),
        "POSTGRES_USER": user,
        "POSTGRES_PASSWORD": str(params.get("password") or ""),
        "POSTGRES_POOL_SIZE": str(settings.pool_size),
        "POSTGRES_MAX_OVERFLOW": str(settings.pool_size),
        "POSTGRES_LOCK_TIMEOUT": str(lock_timeout_s),
        "POSTGRES_SCHEMA": "public",
        "CREATE_TABLE": "y",
    }


def in_memory_env() -> dict[str, str]:
    """The eventsourcing environment for an in-memory event store (tests)."""
    return {**_common_env(snapshot_interval=100), "PERSISTENCE_MODULE": "eventsourcing.popo"}


def _common_env(snapshot_interval: int) -> dict[str, str]:
    env = {"AGGREGATE_CACHE_MAXSIZE": "10000", "AGGREGATE_CACHE_FASTFORWARD": "n"}
    if snapshot_interval > 0:
        env["IS_SNAPSHOTTING_ENABLED"] = "y"
    return env
