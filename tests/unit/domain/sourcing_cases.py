"""Random sourcing decisions from a seed, covering every rule the engine applies, and a
digest of what the engine decides and explains for them (to pin decisions unchanged)."""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from domain.channels import DEFAULT_CHANNEL_RULES, ChannelRule
from domain.sourcing import Candidate, Plan, Request, Trigger
from domain.sourcing_rules import GroupRule, SourcingRules, SplitRule, Weights
from domain.values import Capability, Channel, DeliveryMethod, GeoPoint, NodeType

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
PREFIXES = ("A-", "B-", "HAZ-")
Case = tuple[Request, list[Candidate], SourcingRules]
Decide = Callable[[Request, list[Candidate], SourcingRules], Plan]


def cases(seed: int, count: int) -> Iterator[Case]:
    rng = random.Random(seed)
    for _ in range(count):
        skus = [f"{rng.choice(PREFIXES)}{n}" for n in range(rng.randint(1, 12))]
        nodes = [_candidate(rng, n, skus) for n in range(rng.choice((0, 3, 12, 40, 150)))]
        yield _request(rng, skus, nodes), nodes, _rules(rng)


def digest(decide: Decide, seed: int) -> str:
    """One hash of every plan, backorder and explanation `decide` gives for the cases."""
    hashed = hashlib.sha256()
    for request, nodes, rules in cases(seed, 150):
        plan = decide(request, nodes, rules)
        decided: Any = [plan.shipments, plan.backorders, plan.explanation]
        hashed.update(json.dumps(decided, sort_keys=True, default=str).encode())
    return hashed.hexdigest()


def _candidate(rng: random.Random, n: int, skus: list[str]) -> Candidate:
    held = rng.sample(skus, min(len(skus), rng.choice((1, 1, 2, 3, 5))))
    start = NOW - timedelta(hours=rng.randint(-5, 5))
    return Candidate(
        node_code=f"N{n:03d}",
        location=GeoPoint(rng.uniform(26, 48), rng.uniform(-122, -70)),
        capabilities=frozenset(rng.sample(list(Capability), rng.randint(0, 3)))
        | ({Capability.SHIP} if rng.random() < 0.9 else set()),
        available={sku: rng.choice((0, 1, 2, 3, 4, 6, 40)) for sku in held},
        node_type=rng.choice(list(NodeType)),
        priority=rng.randint(0, 200),
        ship_cost=Decimal(rng.choice(("3", "5.50", "5.5", "7", "12.25"))),
        active=rng.random() < 0.95,
        downtimes=((start, start + timedelta(hours=2)),) if rng.random() < 0.1 else (),
        capacity_left=rng.choice((None, None, 0, 1, 5)),
        distance_km=float(rng.randint(0, 4000)) if rng.random() < 0.05 else None,
    )


def _request(rng: random.Random, skus: list[str], nodes: list[Candidate]) -> Request:
    codes = [c.node_code for c in nodes]
    pickup = rng.random() < 0.1 and codes
    return Request(
        lines={sku: rng.randint(0, 5) for sku in rng.sample(skus, rng.randint(1, len(skus)))},
        method=DeliveryMethod.PICKUP if pickup else DeliveryMethod.SHIP,
        destination=GeoPoint(rng.uniform(26, 48), rng.uniform(-122, -70))
        if rng.random() < 0.95
        else None,
        pickup_node=rng.choice(codes) if pickup else None,
        exclude=frozenset(rng.sample(codes, min(len(codes), rng.randint(0, 2)))),
        channel=rng.choice((*Channel, Channel.WEB, Channel.WEB)),
    )


def _rules(rng: random.Random) -> SourcingRules:
    groups = [
        GroupRule(
            "hazmat",
            ("HAZ-",),
            frozenset({Capability.SPECIAL_HANDLING}) if rng.random() < 0.7 else frozenset(),
            frozenset(rng.sample(list(NodeType), rng.randint(0, 2))),
            frozenset({f"N{rng.randint(0, 20):03d}"}),
        )
    ]
    market = ChannelRule(frozenset({NodeType.DC, NodeType.WAREHOUSE}), rng.randint(0, 2))
    return SourcingRules(
        weights=Weights(
            rng.choice((0.0, 1.0, 2.5)),
            rng.choice((0.0, 20.0)),
            rng.choice((0.0, 0.5)),
            rng.choice((0.0, 300.0, 100_000.0)),
        ),
        max_shipments=rng.choice((None, 1, 2, 3)),
        split=SplitRule(rng.random() < 0.7, rng.choice((1, 1, 2))),
        groups=tuple(groups) if rng.random() < 0.5 else (),
        channels={**DEFAULT_CHANNEL_RULES, Channel.MARKETPLACE: market},
    )


def decide_with(source: Callable[..., Plan]) -> Decide:
    """`source` deciding a case at NOW, as rules version 3 after an order change."""
    return lambda request, nodes, rules: source(
        request, nodes, rules, NOW, version=3, trigger=Trigger.CHANGED
    )
