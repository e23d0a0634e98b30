"""docker-compose.yml: its development set-up starts, and stays on this machine."""

import re
from pathlib import Path

import yaml

from application.settings import Settings
from interfaces.auth import api_keys

COMPOSE = yaml.safe_load((Path(__file__).parents[2] / "docker-compose.yml").read_text())


def _default(value: str) -> str:
    """The default of a `${NAME:-default}` substitution."""
    match = re.fullmatch(r"\$\{\w+:-(.*)\}", value)
    assert match, value
    return match.group(1)


def test_the_development_keys_are_accepted_by_the_settings() -> None:
    keys = _default(COMPOSE["x-oms"]["environment"]["OMS_API_KEYS"])
    assert len(api_keys(Settings(api_keys=keys)).roles) == 4


def test_the_api_is_published_on_loopback_unless_an_address_is_chosen() -> None:
    (published,) = COMPOSE["services"]["api"]["ports"]
    address, _, ports = published.partition("}:")
    assert _default(address + "}") == "127.0.0.1"
    assert ports == "8000:8000"
