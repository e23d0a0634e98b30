"""Fixtures shared by every test layer.

One embedded PostgreSQL per pytest process (each xdist worker has its own),
and a fresh database per test (`database_url`) or per module (`module_database_url`).
"""

import shutil
import signal
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from interfaces.database import embedded_server, stop_embedded_server, temporary_database

_LAYER_MARKS = {
    "integration": (pytest.mark.integration,),
    "e2e": (pytest.mark.e2e,),
    # Reliability scenarios run against PostgreSQL, most of them through HTTP too.
    "reliability": (pytest.mark.integration, pytest.mark.e2e),
}


def pytest_configure(config: pytest.Config) -> None:
    """A terminated run (a cancelled CI job, `kill` of `make test`) unwinds as Ctrl-C does:
    each process's session fixtures then stop its embedded PostgreSQL, which would otherwise
    outlive the run."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, _interrupt)


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark tests by folder, so `-m "not integration"` runs the fast layers only."""
    for item in items:
        for part in item.path.relative_to(config.rootpath).parts:
            for mark in _LAYER_MARKS.get(part, ()):
                item.add_marker(mark)


@pytest.fixture(scope="session")
def postgres_server_url() -> Iterator[str]:
    """Admin URI (socket) of this process's embedded PostgreSQL; deleted at the end."""
    # Not under pytest's basetemp: pgserver (as root) widens folder permissions that
    # pytest narrows again, and a short /tmp path keeps the socket path short.
    parent = Path(tempfile.mkdtemp(prefix="oms-pg-"))
    data_dir = parent / "data"
    try:
        yield embedded_server(data_dir).get_uri()
    finally:
        stop_embedded_server(data_dir)
        shutil.rmtree(parent, ignore_errors=True)


def _fresh_database(admin_url: str) -> Iterator[str]:
    with temporary_database(admin_url, "test") as url:
        yield url


@pytest.fixture
def database_url(postgres_server_url: str) -> Iterator[str]:
    """URL of a new, empty database for this test (dropped afterwards)."""
    yield from _fresh_database(postgres_server_url)


@pytest.fixture(scope="module")
def module_database_url(postgres_server_url: str) -> Iterator[str]:
    """URL of a new, empty database shared by the tests of one module."""
    yield from _fresh_database(postgres_server_url)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """A module with `BOTH_GRAPHQL_PATHS = True` runs its tests on the `live` server twice:
    with the GraphQL fast path and without it (see tests/e2e/graphql_server.py)."""
    if "live" in metafunc.fixturenames and getattr(metafunc.module, "BOTH_GRAPHQL_PATHS", False):
        metafunc.parametrize(
            "live", [True, False], ids=["fast-path", "plain-path"], indirect=True, scope="module"
        )
