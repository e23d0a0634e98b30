"""Explanations keep every candidate as columns: the same rows back, a fraction of the size."""

import json
import random
from decimal import Decimal

from domain.sourcing import Candidate, Request, source
from domain.sourcing_columns import columnar_explanation, columns, rows
from domain.sourcing_explanation import candidate_rows
from domain.sourcing_replay import replayable
from domain.sourcing_rules import GroupRule, SourcingRules
from domain.values import Capability, DeliveryMethod, GeoPoint, NodeType

SHIP_ONLY = frozenset({Capability.SHIP})
BOTH = frozenset({Capability.SHIP, Capability.PICKUP})


def network(nodes: int, skus: list[str], seed: int = 1) -> list[Candidate]:
    rng = random.Random(seed)
    return [
        Candidate(
            node_code=f"N-{n:04d}",
            location=GeoPoint(rng.uniform(26, 48), rng.uniform(-122, -70)),
            capabilities=rng.choice([SHIP_ONLY, BOTH]),
            available={sku: rng.randint(0, 9) for sku in rng.sample(skus, 2)},
            node_type=rng.choice(list(NodeType)),
            priority=rng.randint(1, 200),
            ship_cost=Decimal(rng.randint(3, 15)),
            active=rng.random() > 0.1,
            capacity_left=rng.choice([None, 0, 5]),
        )
        for n in range(nodes)
    ]


def decide(candidates: list[Candidate], skus: list[str]) -> dict:
    hazmat = GroupRule("hazmat", ("HAZ-",), node_types=frozenset({NodeType.DC}))
    rules = SourcingRules(groups=(hazmat,))
    request = Request({sku: 2 for sku in skus}, DeliveryMethod.SHIP, GeoPoint(40.7, -74.0))
    return source(request, candidates, rules).explanation


def test_every_candidate_reads_back_with_what_the_engine_saw_of_it():
    skus = ["A-1", "B-2", "HAZ-3"]
    candidates = network(60, skus)

    recorded = candidate_rows(decide(candidates, skus))

    assert [r["node"] for r in recorded] == [c.node_code for c in candidates]
    for row, candidate in zip(recorded, candidates, strict=True):
        assert row["available"] == dict(candidate.available)
        assert row["capabilities"] == sorted(candidate.capabilities)
        assert row["node_type"] == candidate.node_type.value
        assert (row["priority"], row["ship_cost"]) == (candidate.priority, str(candidate.ship_cost))
        assert row["capacity_left"] == candidate.capacity_left
    assert {r["excluded_by"] for r in recorded} >= {None, "inactive", "daily capacity reached"}
    refused = [r for r in recorded if r["refused_lines"]]
    assert refused
    assert all(set(r["refused_lines"]) == {"HAZ-3"} for r in refused)


def test_rows_made_columns_read_back_equal():
    skus = ["A-1", "B-2", "HAZ-3"]
    recorded = candidate_rows(decide(network(30, skus, seed=2), skus))

    assert rows(json.loads(json.dumps(columns(recorded, skus)))) == recorded


def test_a_version_2_explanation_becomes_columns_with_the_same_rows():
    skus = ["A-1", "B-2"]
    explanation = decide(network(20, skus, seed=3), skus)
    old = {**explanation, "candidates": candidate_rows(explanation)}

    upcast = columnar_explanation(json.loads(json.dumps(old)))

    assert candidate_rows(upcast) == old["candidates"]
    assert replayable(upcast)


def test_explanations_from_before_the_rules_stay_without_the_replay_fields():
    old = {
        "rules_version": 0,
        "candidates": [
            {"node": "DC1", "distance_km": 1.5, "score": 1.5, "available": {}, "excluded_by": None},
            {
                "node": "DC2",
                "distance_km": 9.0,
                "score": 9.0,
                "available": {},
                "excluded_by": "down",
            },
        ],
    }

    upcast = columnar_explanation(old)

    assert candidate_rows(upcast) == old["candidates"]
    assert not replayable({**upcast, "request": {}})


def test_hundreds_of_candidates_take_a_third_of_the_room_they_took_one_object_each():
    skus = [f"SKU-{n:03d}" for n in range(20)]
    explanation = decide(network(650, skus, seed=4), skus)
    one_object_each = {**explanation, "candidates": candidate_rows(explanation)}

    compact, before = len(json.dumps(explanation)), len(json.dumps(one_object_each))

    assert compact * 3 < before


def test_an_allocation_made_without_the_engine_has_no_candidates_to_read():
    assert columnar_explanation({"rule": "test"}) == {"rule": "test"}
    assert candidate_rows({"rule": "test"}) == []
    assert not replayable({"rule": "test"})


def test_a_kits_decision_inside_a_version_2_explanation_becomes_columns_too():
    skus = ["A-1", "B-2"]
    explanation = decide(network(10, skus, seed=5), skus)
    old_kits = {**explanation, "candidates": candidate_rows(explanation)}
    old = {**old_kits, "kits": old_kits}

    upcast = columnar_explanation(json.loads(json.dumps(old)))

    assert candidate_rows(upcast["kits"]) == old_kits["candidates"]
    assert candidate_rows(upcast) == old_kits["candidates"]
