"""Fixtures for tests against PostgreSQL."""

from collections.abc import Iterator

import psycopg
import pytest

from application.oms import OMS
from application.settings import Settings, eventsourcing_env


@pytest.fixture
def settings(database_url: str) -> Settings:
    """Default settings pointing at this test's database."""
    return Settings(database_url=database_url, api_keys={})


@pytest.fixture
def postgres_env(settings: Settings, database_url: str) -> dict[str, str]:
    """eventsourcing environment for this test's database: `Application(env=postgres_env)`."""
    return eventsourcing_env(settings, database_url)


@pytest.fixture
def connection(database_url: str) -> Iterator[psycopg.Connection]:
    """An autocommit connection to this test's database."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        yield conn


@pytest.fixture
def oms(postgres_env: dict[str, str]) -> Iterator[OMS]:
    """The application on this test's database, closed afterwards."""
    app = OMS(postgres_env)
    yield app
    app.close()
