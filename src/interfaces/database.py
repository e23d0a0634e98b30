"""Where the database is: an external server or the embedded one, plus small helpers."""

import re
import uuid
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import psycopg
from psycopg import sql
from psycopg_pool import ConnectionPool

from application.connections import connection_options, reconnect_timeout
from application.settings import Settings
from interfaces import embedded_access

_DB_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")

# One embedded server per data directory, started on first use in this process.
_servers: dict[Path, Any] = {}


def resolve_database_url(settings: Settings) -> str:
    """`DATABASE_URL` when set, else the URI of the embedded server in `data_dir`."""
    if settings.database_url:
        return settings.database_url
    return embedded_access.uri(embedded_server(settings.data_dir, tcp_port=settings.bi_port))


def embedded_server(data_dir: Path, *, tcp_port: int | None = None) -> Any:
    """Start (or reuse) the embedded PostgreSQL whose data lives in `data_dir`.

    TCP is never trusted (see `embedded_access`); with `tcp_port` it listens on
    127.0.0.1 at that port too, for BI tools logging in with a password.
    """
    path = data_dir.expanduser().resolve()
    if path not in _servers:
        path.parent.mkdir(parents=True, exist_ok=True)
        with warnings.catch_warnings():
            # pgserver falls back to /tmp when XDG_RUNTIME_DIR is unset; that is fine.
            warnings.filterwarnings("ignore", message=".*falling back to", category=UserWarning)
            import pgserver

        server = pgserver.get_server(path, cleanup_mode="stop")
        embedded_access.restrict(server)
        _servers[path] = server
    if tcp_port is not None:
        embedded_access.listen_on_loopback(_servers[path], tcp_port)
    return _servers[path]


def stop_embedded_server(data_dir: Path) -> None:
    """Stop the embedded server of `data_dir` if this process started it (also done at exit)."""
    server = _servers.pop(data_dir.expanduser().resolve(), None)
    if server is not None:
        server.cleanup()


def database_url_with_name(url: str, name: str) -> str:
    """`url` pointing at database `name` instead (URL or socket URI)."""
    parts = urlsplit(url)
    if parts.scheme not in {"postgresql", "postgres"}:
        raise ValueError("expected a postgresql:// URL")
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "dbname"]
    return urlunsplit(parts._replace(path=f"/{name}", query=urlencode(query, safe="/")))


def create_database(admin_url: str, name: str) -> str:
    """Create database `name` unless it exists; return its URL."""
    _check_name(name)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url_with_name(admin_url, name)


def drop_database(admin_url: str, name: str) -> None:
    """Drop database `name`, closing its remaining connections."""
    _check_name(name)
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def connection_pool(
    url: str,
    *,
    max_size: int = 10,
    name: str | None = None,
    timeout: float = 10.0,
    application_name: str | None = None,
) -> ConnectionPool:
    """An opened pool of plain (tuple-row) connections; fails fast if unreachable.

    Every wait is bounded by `timeout` (see `application.connections`), but not statements:
    the projections' batches and rebuilds may take longer. Connections are checked before
    use, so a database restart costs no failed batch. `application_name` names its
    connections in `pg_stat_activity`.
    """
    options = connection_options(timeout, statement_timeout=False)
    if application_name is not None:
        options["application_name"] = application_name
    pool: ConnectionPool = ConnectionPool(
        conninfo=url,
        min_size=1,
        max_size=max_size,
        name=name,
        timeout=timeout,
        kwargs=options,
        check=ConnectionPool.check_connection,
        reconnect_timeout=reconnect_timeout(timeout),
        open=True,
    )
    pool.wait(timeout=timeout)
    return pool


def _check_name(name: str) -> None:
    if not _DB_NAME.match(name):
        raise ValueError(f"database name {name!r} must match {_DB_NAME.pattern}")


@contextmanager
def temporary_database(admin_url: str, prefix: str) -> Iterator[str]:
    """A new, uniquely named database on the server of `admin_url`, dropped afterwards."""
    name = f"{prefix}_{uuid.uuid4().hex[:16]}"
    url = create_database(admin_url, name)
    try:
        yield url
    finally:
        drop_database(admin_url, name)
