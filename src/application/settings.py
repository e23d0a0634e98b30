"""Process configuration, read once from the environment.

`DATABASE_URL` has no prefix; every other variable starts with `OMS_`.
Nothing here touches `os.environ`: the eventsourcing environment is returned
as a dict to pass to `Application(env=...)`.
"""

import math
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

from psycopg.conninfo import conninfo_to_dict
from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from application.persistence import DEFAULT_TIMEOUT


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
    # `key:role[:name],...` as written; interfaces/auth.py parses and checks it (empty:
    # development mode). A mapping {key: role} is taken too (tests).
    api_keys: Annotated[str, NoDecode] = ""
    log_level: str = "INFO"
    pool_size: int = Field(default=10, ge=1)
    lock_timeout_ms: int = Field(default=5000, ge=0)
    # Seconds a request waits for the database (a pooled connection, a new connection, one
    # statement) before it fails: 503 with Retry-After, or GraphQL DATABASE_UNAVAILABLE.
    database_timeout: float = Field(default=DEFAULT_TIMEOUT, gt=0, le=300)
    snapshot_interval: int = Field(default=100, ge=0)
    # A command racing writers in other processes retries (backoff with jitter) this long.
    conflict_retry_ms: int = Field(default=5000, ge=0)
    # The writer saves at most this many queued commands in one transaction (group commit),
    # and waits at most this long for more once it has one (0: takes only what is queued).
    writer_batch_max: int = Field(default=64, ge=1, le=1000)
    writer_batch_wait_ms: float = Field(default=0.0, ge=0, le=1000)
    # False when `oms project` workers keep the read models current instead of the API.
    projections_in_process: bool = True
    # Under steady writes a projection starts a live batch at most this often (seconds),
    # so each batch carries several commands' events instead of one; a write after a
    # quiet spell is applied at once, and so is one a read waits for
    # (`X-OMS-Consistent-After` tells the projector). 0: a batch for every commit.
    projection_batch_gap: float = Field(default=0.1, ge=0, le=5)
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

    @field_validator("api_keys", mode="before")
    @classmethod
    def _keys_as_written(cls, value: Any) -> Any:
        if isinstance(value, Mapping):
            return ",".join(f"{key}:{role}" for key, role in value.items())
        return value

    @field_validator("log_level")
    @classmethod
    def _upper_log_level(cls, value: str) -> str:
        level = value.strip().upper()
        if level not in {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"}:
            raise ValueError(f"OMS_LOG_LEVEL {value!r} is not a log level")
        return level


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
        "POSTGRES_PRE_PING": "n",  # dead connections are dropped on loss (connections.py)
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
