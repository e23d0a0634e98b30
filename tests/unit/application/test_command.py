"""A command on its way to the writer: what it remembers of the request."""

from __future__ import annotations

from application.actor import Actor
from application.command import Command, Outcome


def _decide(sku: str, *, quantity: int) -> Outcome:
    return Outcome({"sku": sku, "quantity": quantity})


ACTOR = Actor("agent", "alice")


def test_a_keyed_command_remembers_a_fingerprint_of_its_request() -> None:
    first = Command.of(ACTOR, "k-1", _decide, ("SKU-1",), {"quantity": 2})
    same = Command.of(ACTOR, "k-2", _decide, ("SKU-1",), {"quantity": 2})
    other = Command.of(ACTOR, "k-1", _decide, ("SKU-1",), {"quantity": 3})

    assert first.fingerprint == same.fingerprint
    assert first.fingerprint != other.fingerprint


def test_an_unkeyed_command_computes_no_fingerprint() -> None:
    command = Command.of(ACTOR, None, _decide, ("SKU-1",), {"quantity": 2})

    assert command.fingerprint == ""
    assert command.decide().result == {"sku": "SKU-1", "quantity": 2}
