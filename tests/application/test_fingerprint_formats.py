"""A keyed request first answered before the fingerprint's format 2 (its record holds a
format-1 fingerprint) is still recognised when it is retried."""

from __future__ import annotations

import pytest

from application import command
from application.fingerprints import FORMAT_2, fingerprint_v1
from application.idempotency import KeyLookup
from domain.errors import NotAllowed
from tests.application.network import Network


def test_a_retry_across_the_format_change_replays_and_a_different_request_is_refused(
    network: Network, monkeypatch: pytest.MonkeyPatch
) -> None:
    network.stock("DC-NJ", "TEE", 5)
    with monkeypatch.context() as before_format_2:
        before_format_2.setattr(command, "fingerprint", fingerprint_v1)
        first = network.place({"TEE": 1}, idempotency_key="k-old")
    record = KeyLookup(network.oms).records(["k-old"])["k-old"]
    assert not record.fingerprint.startswith(FORMAT_2)

    assert network.place({"TEE": 1}, idempotency_key="k-old") == first
    with pytest.raises(NotAllowed, match="already used for a different request"):
        network.place({"TEE": 2}, idempotency_key="k-old")
    assert network.available("DC-NJ", "TEE") == 4


def test_a_new_record_holds_a_format_2_fingerprint(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    first = network.place({"TEE": 1}, idempotency_key="k-new")

    record = KeyLookup(network.oms).records(["k-new"])["k-new"]
    assert record.fingerprint.startswith(FORMAT_2)
    assert network.place({"TEE": 1}, idempotency_key="k-new") == first
    with pytest.raises(NotAllowed):
        network.place({"TEE": 3}, idempotency_key="k-new")
