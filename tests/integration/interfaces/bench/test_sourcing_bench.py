"""The sourcing bench times decisions as a serving process makes them: from the writer's
cached aggregates, reading nothing from the store once warm (a decision over a
1,000-node network read every candidate's records from PostgreSQL when it did not)."""

from collections.abc import Callable
from typing import Any

import pytest

from application.oms import OMS
from interfaces.bench.sourcing import RULES, build_network, decisions, placements, warm


def test_warm_bench_decisions_read_nothing_from_the_store(
    oms: OMS, monkeypatch: pytest.MonkeyPatch
) -> None:
    skus = build_network(oms, 30, 6, 0.3, seed=7)
    warm(oms, skus)
    reads: list[Any] = []
    get: Callable[..., Any] = oms.repository.get

    def counted(aggregate_id: Any, *args: Any, **kwargs: Any) -> Any:
        reads.append(aggregate_id)
        return get(aggregate_id, *args, **kwargs)

    monkeypatch.setattr(oms.repository, "get", counted)
    elapsed, cpu = decisions(oms, skus, lines=3, samples=5, seed=7)
    assert reads == []
    assert len(elapsed) == len(cpu) == 5
    assert all(ms > 0 for ms in elapsed)


def test_placements_are_timed_under_both_rule_sets_and_compared(oms: OMS) -> None:
    default, with_rules = placements(oms, 10)
    assert default.value > 0
    assert with_rules.value > 0
    assert with_rules.baseline == default.value
    assert oms.current_rules()[1].max_shipments == RULES["max_shipments"]
