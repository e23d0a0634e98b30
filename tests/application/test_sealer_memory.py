"""The sealer remembers keys for a while, not for every customer it ever met."""

from __future__ import annotations

from application.personal_data import KEY_TTL_S, Sealer
from application.personal_keys import MemoryKeys
from application.subject_context import data_subject


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def sealed_for(sealer: Sealer, subject: str) -> dict[str, str]:
    with data_subject(subject):
        return sealer.seal({"name": f"name of {subject}"})


def test_keys_of_customers_not_met_for_a_while_are_forgotten_and_read_again_when_needed() -> None:
    clock = Clock()
    sealer = Sealer(MemoryKeys(), clock=clock)
    old = [sealed_for(sealer, f"C{n}") for n in range(100)]
    assert len(sealer._by_id) == 100  # remembered while fresh

    clock.now += KEY_TTL_S + 1
    sealed_for(sealer, "NEW")

    assert set(sealer._newest) == {"NEW"}
    assert len(sealer._by_id) == 1
    assert sealer.unseal(old[0]) == {"name": "name of C0"}  # read from the key store again
