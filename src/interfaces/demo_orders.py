"""Generated demo orders: every channel, through every journey the OMS supports.

`plans(n)` draws `n` orders from a seeded generator (the same plans on every run): who
orders what, through which channel, delivered how, and which journey the order then
takes. `demo_journeys` carries each journey out through the application.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from interfaces.demo_network import CATALOGUE, NODES, OUTDOOR, SKUS, STOCK, STORES

CHANNELS = ("WEB", "MOBILE", "CALL_CENTER", "STORE", "MARKETPLACE")
# journey: weight. Shipped to an address unless it names a pickup.
JOURNEYS = {
    "delivered": 6,
    "delivered-paid-closed": 3,
    "in-transit": 3,
    "waiting": 4,  # allocated, in its node's work queue
    "picked": 2,
    "partly-shipped": 2,
    "pickup-ready": 2,
    "pickup-collected": 2,
    "backordered": 1,
    "cancelled": 1,
    "line-cancelled": 1,
    "held": 1,
    "hold-released": 1,
    "address-changed": 1,
    "line-added": 1,
    "rejected-resourced": 1,
    "returned-by-mail-refunded": 2,
    "returned-in-store-refunded": 1,
    "returned-in-store-exchanged": 1,
}
PICKUP_JOURNEYS = frozenset({"pickup-ready", "pickup-collected"})
FIRST = [
    "Ada",
    "Grace",
    "Alan",
    "Edsger",
    "Barbara",
    "Donald",
    "Margaret",
    "Ken",
    "Frances",
    "John",
    "Radia",
    "Tim",
    "Hedy",
    "Linus",
    "Sophie",
    "Guido",
    "Anita",
    "Dennis",
]
LAST = [
    "Lovelace",
    "Hopper",
    "Turing",
    "Dijkstra",
    "Liskov",
    "Knuth",
    "Hamilton",
    "Thompson",
    "Allen",
    "Backus",
    "Perlman",
    "Berners-Lee",
    "Lamarr",
    "Torvalds",
    "Wilson",
    "van Rossum",
    "Borg",
    "Ritchie",
]
STREETS = ["Main St", "Oak Ave", "Maple Dr", "Park Blvd", "Cedar Ln", "Elm St", "Lake Rd"]
MULTI_WORD_CITIES = ("San ", "Los ", "Las ", "St. ", "Salt Lake City", "Kansas City")


def city_of(store_name: str) -> str:
    """The city a store's name begins with ("Salt Lake City Trolley Square" -> its city)."""
    for prefix in MULTI_WORD_CITIES:
        if store_name.startswith(prefix):
            return prefix.strip() if prefix.endswith("City") else " ".join(store_name.split()[:2])
    return store_name.split()[0]


@dataclass(frozen=True)
class Plan:
    ref: str
    channel: str
    customer: dict[str, str]
    delivery: dict[str, Any]
    lines: list[dict[str, Any]]
    journey: str


# Orders name SKUs some node stocks: one nobody ever stocked is refused (issue 12).
STOCKED = [s for s in SKUS if any(s in held for held in STOCK.values())]


def plans(count: int, first_number: int = 2001) -> list[Plan]:
    draw = random.Random(2026)
    kinds, weights = list(JOURNEYS), list(JOURNEYS.values())
    return [
        _plan(draw, f"DEMO-{first_number + i}", draw.choices(kinds, weights)[0])
        for i in range(count)
    ]


def _plan(draw: random.Random, ref: str, journey: str) -> Plan:
    first, last = draw.choice(FIRST), draw.choice(LAST)
    customer = {
        "id": f"C-{draw.randint(1000, 9999)}",
        "name": f"{first} {last}",
        "email": f"{first.lower()}.{last.lower().replace(' ', '')}@example.com",
    }
    if journey in PICKUP_JOURNEYS:
        store = draw.choice(list(STORES))
        delivery: dict[str, Any] = {"method": "PICKUP", "pickup_node": store}
        channel = draw.choice(("WEB", "MOBILE", "STORE"))
    else:
        near = NODES[draw.choice(list(STORES))]
        delivery = {
            "method": "SHIP",
            "address": {
                "line1": f"{draw.randint(1, 999)} {draw.choice(STREETS)}",
                "city": city_of(near[0]),
                "postal_code": f"{draw.randint(10000, 99999)}",
                "country": "US",
                "lat": round(near[2] + draw.uniform(-0.2, 0.2), 4),
                "lon": round(near[3] + draw.uniform(-0.2, 0.2), 4),
            },
        }
        channel = draw.choice(CHANNELS)
    if journey == "backordered":
        skus = ["LANTERN-LED"]
    elif journey in PICKUP_JOURNEYS:
        skus = draw.sample(STOCKED[:7] + STOCKED[7::9], 1)
    else:
        skus = draw.sample([s for s in STOCKED if s not in OUTDOOR], draw.randint(1, 3))
        if draw.random() < 0.15:
            skus.append(draw.choice([s for s in STOCKED if s in OUTDOOR and s != "LANTERN-LED"]))
    lines = [
        {
            "sku": s,
            "quantity": 1 if journey in PICKUP_JOURNEYS else draw.randint(1, 3),
            "unit_price": CATALOGUE[s],
        }
        for s in skus
    ]
    return Plan(ref, channel, customer, delivery, lines, journey)
