"""Sourcing: decision latency, `POST /promise` over HTTP, placements with rules.

- Decision: candidate lookup (the network index, the NodeStock and node aggregates from
  the cache) plus the engine under a working rule set (weights on distance, cost,
  priority and shipments, max 3 shipments, a product group, a channel buffer), for
  networks of 100 and 1,000 nodes (70% stores) where each SKU is held at 20% resp. 5%
  of nodes, and orders of 1 and 20 lines. Target p99 <= 10 ms at 1,000 nodes x 20 lines.
  Each also as CPU time (p50, p99), which the machine's load changes less.
- Promise: `POST /promise` (1 line) against the API in its own process, 2 clients, on the
  1,000-node network. Target p99 <= 25 ms.
- Placements/s (1 thread, the writes section's workload) under that rule set, against the
  same run's figure under the default rules (alternating rounds of each). Target: no more
  than a 10% drop.
"""

from __future__ import annotations

import json
import random
import time
from decimal import Decimal

from application.oms import OMS
from application.rules_input import ReplaceSourcingRules
from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.sourcing import Request
from domain.values import Capability, DeliveryMethod, GeoPoint, NodeType
from interfaces.bench import writes
from interfaces.bench.http_load import Request as HttpRequest
from interfaces.bench.http_load import run_load
from interfaces.bench.report import Figure, percentile
from interfaces.bench.sourcing_server import api_server
from interfaces.heap import serving_heap

SECTION = "sourcing"
RULES = {
    "weights": {"distance": 1.0, "cost": 20.0, "priority": 0.5, "shipments": 300.0},
    "max_shipments": 3,
    "groups": [{"name": "hazmat", "sku_prefixes": ["HAZ-"], "capabilities": ["SPECIAL_HANDLING"]}],
    "channels": {"MARKETPLACE": {"buffer": 1}},
}
ROUNDS = 10  # placements alternate between the default rules and RULES this many times
TYPES = [NodeType.STORE] * 7 + [NodeType.DC] * 2 + [NodeType.WAREHOUSE]


def build_network(oms: OMS, nodes: int, skus: int, held_at: float, seed: int) -> list[str]:
    """`nodes` nodes across the US; each of `skus` SKUs at `held_at` of them. The SKUs."""
    rng = random.Random(seed)
    codes = [f"N{nodes}-{i:04d}" for i in range(nodes)]
    names = [f"S{nodes}-{i:03d}" for i in range(skus)]
    batch: list[InventoryNode | NodeStock] = [
        InventoryNode.register(
            code,
            code,
            rng.choice(TYPES),
            GeoPoint(rng.uniform(26, 48), rng.uniform(-122, -70)),
            frozenset({Capability.SHIP, Capability.PICKUP}),
            priority=rng.randint(1, 200),
            ship_cost=Decimal(rng.randint(3, 15)),
        )
        for code in codes
    ]
    for sku in names:
        for code in rng.sample(codes, max(1, int(nodes * held_at))):
            stock = NodeStock.open(code, sku)
            stock.receive(rng.randint(1, 40), "bench")
            batch.append(stock)
    for i in range(0, len(batch), 500):
        oms.save(*batch[i : i + 500])
    oms.follower.catch_up()
    return names


def decisions(
    oms: OMS, skus: list[str], lines: int, samples: int, seed: int
) -> tuple[list[float], list[float]]:
    """Milliseconds per decision: candidate lookup and the engine, nothing reserved (on
    the writer, which holds the aggregates cached, as a serving process decides); as
    elapsed, and as CPU time of the process (while the caller waits, only the writer
    works: a figure the machine's load changes less)."""
    rng = random.Random(seed)
    elapsed, cpu = [], []
    for _ in range(samples):
        wanted = {sku: rng.randint(1, 3) for sku in rng.sample(skus, lines)}
        to = GeoPoint(rng.uniform(26, 48), rng.uniform(-122, -70))
        started, used = time.perf_counter(), time.process_time()
        oms.decide(Request(wanted, DeliveryMethod.SHIP, to))
        cpu.append((time.process_time() - used) * 1000)
        elapsed.append((time.perf_counter() - started) * 1000)
    return elapsed, cpu


def warm(oms: OMS, skus: list[str]) -> None:
    """Load every node and stock record once, as a serving process has them cached."""
    for sku in skus:
        oms.decide(Request({sku: 1}, DeliveryMethod.SHIP))


def promise_body(sku: str) -> bytes:
    address = dict(writes.ADDRESS)
    return json.dumps(
        {
            "channel": "WEB",
            "delivery": {"method": "SHIP", "address": address},
            "lines": [{"sku": sku, "quantity": 1}],
        }
    ).encode()


def run(oms: OMS, database_url: str, scale: float = 1.0) -> list[Figure]:
    samples = max(100, int(500 * scale))
    oms.replace_sourcing_rules(ReplaceSourcingRules.model_validate(RULES))
    figures = []
    networks = {
        100: build_network(oms, 100, 40, 0.2, 1),
        1000: build_network(oms, 1000, 40, 0.05, 2),
    }
    for nodes, skus in networks.items():
        for lines in (1, 20):
            # As in a serving process: the heap set-up of `oms serve`, the records cached.
            with serving_heap():
                warm(oms, skus)
                lat, cpu = decisions(oms, skus, lines, samples, nodes + lines)
            name = f"decision, {nodes} nodes x {lines} line(s)"
            target = "p99 <= 10 ms" if (nodes, lines) == (1000, 20) else ""
            figures += [
                Figure(SECTION, f"{name} p50", percentile(lat, 50), "ms"),
                Figure(SECTION, f"{name} p99", percentile(lat, 99), "ms", target=target),
                Figure(SECTION, f"{name} CPU p50", percentile(cpu, 50), "ms"),
                Figure(SECTION, f"{name} CPU p99", percentile(cpu, 99), "ms"),
            ]
    with api_server(database_url) as base:
        request = HttpRequest(
            "POST",
            "/promise",
            promise_body(networks[1000][0]),
            (("Content-Type", "application/json"),),
        )
        run_load(base, request, clients=2, seconds=1.0)
        load = run_load(base, request, clients=2, seconds=max(3.0, 5 * scale))
    if load.failures:
        raise RuntimeError(f"POST /promise: {load.failures} of {load.requests} failed")
    figures += [
        Figure(SECTION, "POST /promise p50 (2 clients)", load.p(50), "ms"),
        Figure(SECTION, "POST /promise p99 (2 clients)", load.p(99), "ms", target="<= 25 ms"),
    ]
    return figures + placements(oms, max(100, int(500 * scale)))


def placements(oms: OMS, n: int) -> list[Figure]:
    """Orders/s under the default rules and under RULES, in alternating rounds (so that a
    change in the machine's load falls on both alike); both figures and their ratio."""
    writes.prepare(oms)
    rule_sets = (ReplaceSourcingRules(), ReplaceSourcingRules.model_validate(RULES))
    oms.replace_sourcing_rules(rule_sets[0])
    writes.place_orders(oms, 50, 1)
    per_round = max(1, n // ROUNDS)
    seconds = [0.0, 0.0]
    for _ in range(ROUNDS):
        for which, rule_set in enumerate(rule_sets):
            oms.replace_sourcing_rules(rule_set)
            rate, _, _ = writes.place_orders(oms, per_round, 1)
            seconds[which] += per_round / rate
    default_rate, rules_rate = (ROUNDS * per_round / s for s in seconds)
    return [
        Figure(SECTION, "place order with default rules, 1 thread", default_rate, "ops/s"),
        Figure(
            SECTION,
            "place order with rules, 1 thread",
            rules_rate,
            "ops/s",
            default_rate,
            target=">= 0.90x default rules",
        ),
    ]
