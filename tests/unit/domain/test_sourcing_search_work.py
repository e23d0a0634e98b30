"""The split search's work is bounded whatever the network, and skipping plans that
cannot enter the beam changes no decision."""

from __future__ import annotations

import random
from typing import Any

import pytest

from domain import sourcing_bounds, sourcing_search
from domain.sourcing_rules import SourcingRules, SplitRule
from domain.sourcing_search import BEAM_WIDTH, PER_LINE, POOL_SIZE, Option, Outcome, search

LINES = 20


def network(nodes: int, seed: int) -> tuple[dict[str, int], list[Option]]:
    """An order of LINES lines over nodes holding one or two lines each (none fills it)."""
    rng = random.Random(seed)
    wanted = {f"SKU-{n:02d}": rng.randint(1, 3) for n in range(LINES)}
    options = [
        Option(
            f"N{n:04d}",
            rng.uniform(300, 3000),
            {sku: rng.randint(1, 5) for sku in rng.sample(sorted(wanted), rng.randint(1, 2))},
            rng.randint(1, 200),
            float(rng.randint(3, 15)),
        )
        for n in range(nodes)
    ]
    return wanted, options


@pytest.fixture
def assigned(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """How many plans the search assigns (each a set of nodes given the lines)."""
    count = [0]
    assign = sourcing_search._assign

    def counted(*args: Any) -> Any:
        count[0] += 1
        return assign(*args)

    monkeypatch.setattr(sourcing_search, "_assign", counted)
    return count


@pytest.mark.parametrize("nodes", [50, 1000])
def test_the_split_search_assigns_a_bounded_number_of_plans_whatever_the_network(
    assigned: list[int], nodes: int
) -> None:
    wanted, options = network(nodes, seed=nodes)
    rules = SourcingRules(max_shipments=3)
    outcome = search(wanted, options, rules)
    assert len(outcome.shipments) == 3
    pool = POOL_SIZE + PER_LINE * LINES
    assert 0 < assigned[0] <= 3 * BEAM_WIDTH * pool


@pytest.mark.parametrize("seed", range(6))
def test_plans_that_cannot_enter_the_beam_are_skipped_without_changing_the_decision(
    assigned: list[int], monkeypatch: pytest.MonkeyPatch, seed: int
) -> None:
    wanted, options = network(300, seed)
    rules = SourcingRules(max_shipments=3, split=SplitRule(lines=seed % 2 == 0, min_units=2))
    pruned = search(wanted, options, rules)
    pruned_work = assigned[0]
    assigned[0] = 0
    monkeypatch.setattr(sourcing_bounds.Kept, "beaten", lambda self, at_least: False)
    unpruned = search(wanted, options, rules)
    assert plain(pruned) == plain(unpruned)
    assert pruned_work < assigned[0] / 2


def plain(outcome: Outcome) -> tuple[Any, ...]:
    return outcome.shipments, outcome.backorders, outcome.score
