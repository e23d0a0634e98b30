"""A throw-away database for one benchmark run, on the configured server."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from contextlib import contextmanager

from interfaces.database import create_database, database_url_with_name, drop_database


@contextmanager
def scratch_database(server_url: str) -> Iterator[str]:
    name = f"oms_bench_{uuid.uuid4().hex[:10]}"
    url = create_database(server_url, name)
    try:
        yield url
    finally:
        drop_database(server_url, name)


def admin_url(database_url: str) -> str:
    """The same server, its maintenance database (where CREATE DATABASE is run)."""
    return database_url_with_name(database_url, "postgres")
