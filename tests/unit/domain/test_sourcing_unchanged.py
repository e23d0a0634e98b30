"""The engine's speed-ups (per-decision conversions, the split search reusing the
assignment of a set of nodes and skipping bounds it does not need, cheaper explanation
columns, cached trigonometry of places) change no decision and no explanation.

Each digest below is what the engine decided and explained for 150 random decisions
(`sourcing_cases`: every rule, splits, backorders, pickups, replays) before those
speed-ups, at commit 8b2f5d9; the same cases must still give exactly the same.
"""

from __future__ import annotations

import pytest

from domain.sourcing import source
from tests.unit.domain.sourcing_cases import decide_with, digest

BEFORE = {
    11: "98cae95dd1da70c742471b87dd31831038e02c510f71af34f75e27e2cb803ee8",
    12: "0b961d6d011b5df3bd7d8df51294869aa545373178efdfe64287f316067c18ae",
}


@pytest.mark.parametrize("seed", sorted(BEFORE))
def test_random_decisions_and_their_explanations_are_what_they_were_before(seed: int) -> None:
    assert digest(decide_with(source), seed) == BEFORE[seed]
