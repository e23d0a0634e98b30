"""The split search's bounds: what a node could still add, and which plans the beam keeps."""

from __future__ import annotations

from domain.sourcing_bounds import BEAM_WIDTH, Kept, gain, held_by
from domain.sourcing_search import Option

WANTED = {"A": 3, "B": 2}


def test_no_plan_is_beaten_until_the_beam_holds_beam_width_plans() -> None:
    kept = Kept()
    for unsourced in range(BEAM_WIDTH - 1):
        kept.add(unsourced)
        assert not kept.full
        assert not kept.beaten(1_000)
    kept.add(10)
    assert kept.full
    assert kept.beaten(11)
    assert not kept.beaten(10)


def test_a_better_plan_lowers_the_bar_a_plan_must_pass() -> None:
    kept = Kept()
    for unsourced in (5, 6, 7, 8):
        kept.add(unsourced)
    kept.add(1)  # replaces the worst (8)
    assert kept.beaten(8)
    assert not kept.beaten(7)


def test_what_nodes_hold_together_is_capped_at_what_is_wanted() -> None:
    nodes = [Option("N1", 1.0, {"A": 2}), Option("N2", 1.0, {"A": 5, "B": 1})]
    assert held_by(WANTED, nodes) == {"A": 3, "B": 1}


def test_a_node_gains_only_what_is_still_open() -> None:
    assert gain(WANTED, {"A": 2}, Option("N3", 1.0, {"A": 4, "B": 1})) == 1 + 1
    assert gain(WANTED, {"A": 3, "B": 2}, Option("N3", 1.0, {"A": 4})) == 0
