"""Settings: parsing the environment and building the eventsourcing environment."""

import os
from pathlib import Path

import pytest
from pydantic import ValidationError

from application.settings import Settings, eventsourcing_env, in_memory_env


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("OMS_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)


def test_defaults_describe_a_local_development_setup() -> None:
    settings = Settings()

    assert settings.database_url is None
    assert settings.data_dir == Path(".oms-data")
    assert (settings.host, settings.port) == ("127.0.0.1", 8000)
    assert settings.api_keys == ""
    assert settings.log_level == "INFO"


def test_settings_are_read_from_database_url_and_oms_variables(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "postgresql://u:p@db:5432/oms")
    monkeypatch.setenv("OMS_PORT", "9000")
    monkeypatch.setenv("OMS_DATA_DIR", "/var/lib/oms")
    monkeypatch.setenv("OMS_LOG_LEVEL", "debug")
    monkeypatch.setenv("OMS_SNAPSHOT_INTERVAL", "50")

    settings = Settings()

    assert settings.database_url == "postgresql://u:p@db:5432/oms"
    assert settings.port == 9000
    assert settings.data_dir == Path("/var/lib/oms")
    assert settings.log_level == "DEBUG"
    assert settings.snapshot_interval == 50


def test_an_empty_database_url_means_the_embedded_server(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("DATABASE_URL", "")

    assert Settings().database_url is None


def test_eventsourcing_env_reads_a_pgserver_socket_uri() -> None:
    url = "postgresql://postgres:@/test_db?host=/tmp/oms-pg-x/data"

    env = eventsourcing_env(Settings(), url)

    assert env["PERSISTENCE_MODULE"] == "application.persistence:Factory"
    assert env["POSTGRES_DBNAME"] == "test_db"
    assert env["POSTGRES_HOST"] == "/tmp/oms-pg-x/data"
    assert env["POSTGRES_PORT"] == "5432"
    assert env["POSTGRES_USER"] == "postgres"
    assert env["POSTGRES_PASSWORD"] == ""


def test_eventsourcing_env_reads_a_network_url() -> None:
    url = "postgresql://oms:s%40cret@db.example:6543/orders"

    env = eventsourcing_env(Settings(pool_size=4, lock_timeout_ms=2500), url)

    assert env["POSTGRES_DBNAME"] == "orders"
    assert env["POSTGRES_HOST"] == "db.example"
    assert env["POSTGRES_PORT"] == "6543"
    assert env["POSTGRES_USER"] == "oms"
    assert env["POSTGRES_PASSWORD"] == "s@cret"
    assert env["POSTGRES_POOL_SIZE"] == "4"
    assert env["POSTGRES_LOCK_TIMEOUT"] == "3"


def test_eventsourcing_env_configures_schema_tables_and_cache() -> None:
    env = eventsourcing_env(Settings(), "postgresql://u@h/d")

    assert env["POSTGRES_SCHEMA"] == "public"
    assert env["CREATE_TABLE"] == "y"
    assert env["AGGREGATE_CACHE_MAXSIZE"] == "10000"
    # Freshness comes from following the log (application/log_follower.py), not a query per load.
    assert env["AGGREGATE_CACHE_FASTFORWARD"] == "n"
    assert env["IS_SNAPSHOTTING_ENABLED"] == "y"


def test_in_memory_env_uses_the_popo_store() -> None:
    assert in_memory_env()["PERSISTENCE_MODULE"] == "eventsourcing.popo"


def test_eventsourcing_env_bounds_every_wait_for_the_database() -> None:
    env = eventsourcing_env(Settings(database_timeout=1.5), "postgresql://oms@db/orders")

    assert env["DATABASE_TIMEOUT"] == "1.5"
    assert env["POSTGRES_CONNECT_TIMEOUT"] == "2"
    assert env["POSTGRES_IDLE_IN_TRANSACTION_SESSION_TIMEOUT"] == "2"
    assert env["POSTGRES_PRE_PING"] == "n"


def test_the_database_timeout_defaults_to_four_seconds_and_must_be_positive() -> None:
    assert Settings().database_timeout == 4.0
    with pytest.raises(ValidationError):
        Settings(database_timeout=0)


def test_a_bi_port_without_a_bi_password_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMS_BI_PORT", "54329")

    with pytest.raises(ValidationError, match="set OMS_BI_PASSWORD too"):
        Settings()


def test_the_bi_password_is_kept_secret_in_its_repr(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMS_BI_PORT", "54329")
    monkeypatch.setenv("OMS_BI_PASSWORD", "hunter2")

    settings = Settings()

    assert settings.bi_port == 54329
    assert settings.bi_password is not None
    assert settings.bi_password.get_secret_value() == "hunter2"
    assert "hunter2" not in repr(settings)


def test_a_blank_bi_password_means_no_bi_login(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMS_BI_PASSWORD", "  ")
    monkeypatch.setenv("OMS_BI_PORT", "")

    settings = Settings()

    assert (settings.bi_password, settings.bi_port) == (None, None)
