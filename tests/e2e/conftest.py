"""A real HTTP server (uvicorn in a background thread) on a fresh database per module."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import httpx
import psycopg
import pytest
import uvicorn
from fastapi import FastAPI

from application.oms import OMS
from application.settings import Settings
from interfaces.api.app import create_app


@dataclass(frozen=True)
class Server:
    url: str
    app: FastAPI

    @property
    def oms(self) -> OMS:
        """The server's own application, to check the write model behind the HTTP answers."""
        oms: OMS = self.app.state.oms
        return oms


@contextmanager
def serve(settings: Settings) -> Iterator[Server]:
    """Serve `create_app(settings)` on a free loopback port until the block ends."""
    app = create_app(settings)
    config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", access_log=False)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="uvicorn-e2e", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    try:
        yield Server(f"http://127.0.0.1:{port}", app)
    finally:
        server.should_exit = True
        thread.join(timeout=15)


def e2e_settings(database_url: str, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "database_url": database_url,
        "api_keys": {},
        "projections_in_process": False,
        "log_level": "WARNING",
        # Several servers share one embedded PostgreSQL (max_connections 100) at times.
        "pool_size": 3,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def server(module_database_url: str) -> Iterator[Server]:
    """A development-mode server (no API keys) on this module's database."""
    with serve(e2e_settings(module_database_url)) as running:
        yield running


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=20) as http:
        yield http


@pytest.fixture(scope="module")
def stored_events(module_database_url: str) -> Iterator[Callable[[], int]]:
    """How many events the module's database holds, read straight from the table."""
    with psycopg.connect(module_database_url, autocommit=True) as conn:

        def count() -> int:
            row = conn.execute("SELECT count(*) FROM oms_events").fetchone()
            assert row is not None
            return int(row[0])

        yield count
