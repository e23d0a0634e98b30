"""API keys and roles (interfaces/auth.py): parsing OMS_API_KEYS, who calls, where to listen."""

from __future__ import annotations

import os

import pytest

from application.settings import Settings
from interfaces.auth import (
    ApiKeys,
    InsecureBindError,
    Role,
    actor_for,
    api_keys,
    caller_of,
    dev_mode,
    ensure_safe_bind,
)

KEYS = (
    "admin-key-000001:admin, agent-key-000002:agent,store-key-000003:store,audit-key-000004:auditor"
)


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("OMS_") or name == "DATABASE_URL":
            monkeypatch.delenv(name)


def test_api_keys_are_parsed_from_key_role_pairs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OMS_API_KEYS", KEYS)

    settings = Settings()

    assert api_keys(settings).roles == {
        "admin-key-000001": Role.ADMIN,
        "agent-key-000002": Role.AGENT,
        "store-key-000003": Role.STORE,
        "audit-key-000004": Role.AUDITOR,
    }
    assert not dev_mode(settings)


def test_without_keys_the_service_is_in_development_mode() -> None:
    assert dev_mode(Settings())
    assert dev_mode(Settings(api_keys=" , "))
    assert actor_for({}, Settings(), "r-1").role == "dev"


def test_an_unknown_role_is_rejected_with_the_allowed_roles() -> None:
    with pytest.raises(ValueError, match=r"unknown role 'superuser'.*admin, agent"):
        ApiKeys.parse("admin-key-000001:admin,other-key-000002:superuser")


@pytest.mark.parametrize(
    "value", ["justakey", ":admin", "admin-key-000001:admin,admin-key-000001:agent"]
)
def test_malformed_api_keys_are_rejected_without_echoing_the_key(value: str) -> None:
    with pytest.raises(ValueError, match="OMS_API_KEYS") as caught:
        ApiKeys.parse(value)

    assert "justakey" not in str(caught.value)


@pytest.mark.parametrize("keys", ["shortkey:admin", {"admin-key-000001": "admin", "tiny": "agent"}])
def test_api_keys_shorter_than_sixteen_characters_are_refused_without_echoing_them(
    keys: object,
) -> None:
    with pytest.raises(ValueError, match="at least 16") as caught:
        api_keys(Settings(api_keys=keys))

    assert "shortkey" not in str(caught.value)
    assert "tiny" not in str(caught.value)


def test_an_api_key_may_be_given_a_name_recorded_as_its_actor() -> None:
    keys = ApiKeys.parse("admin-key-000001:admin:root, agent-key-000002:agent")

    assert keys.roles == {"admin-key-000001": Role.ADMIN, "agent-key-000002": Role.AGENT}
    assert keys.names["admin-key-000001"] == "root"
    assert keys.names["agent-key-000002"].startswith("agent-")
    assert "agent-key-000002" not in keys.names["agent-key-000002"]


def test_a_key_is_found_in_the_header_or_as_a_bearer_token() -> None:
    settings = Settings(api_keys=KEYS)

    by_header = caller_of({"x-api-key": "store-key-000003"}, settings)
    by_bearer = caller_of({"authorization": "Bearer audit-key-000004"}, settings)

    assert by_header is not None
    assert by_header.role is Role.STORE
    assert by_bearer is not None
    assert by_bearer.role is Role.AUDITOR
    assert caller_of({"x-api-key": "nobody-key-00000"}, settings) is None
    assert actor_for({"x-api-key": "nobody"}, settings, "r-2").role == "anonymous"


def test_dev_mode_refuses_to_listen_on_all_interfaces() -> None:
    with pytest.raises(InsecureBindError, match="OMS_API_KEYS"):
        ensure_safe_bind(Settings(host="0.0.0.0"))


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2"])
def test_dev_mode_may_listen_on_loopback(host: str) -> None:
    ensure_safe_bind(Settings(host=host))


def test_api_keys_allow_listening_on_all_interfaces() -> None:
    ensure_safe_bind(Settings(host="0.0.0.0", api_keys="admin-key-000001:admin"))
