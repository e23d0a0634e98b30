"""The demo's named orders (DEMO-1001…): one of each common state, at fixed addresses.

The tests and the README refer to them; `demo_orders` generates the rest."""

from __future__ import annotations

from typing import Any

ADDRESSES = {
    "boston": {
        "line1": "1 Beacon St",
        "city": "Boston",
        "postal_code": "02108",
        "country": "US",
        "lat": 42.3588,
        "lon": -71.0638,
    },
    "austin": {
        "line1": "500 Congress Ave",
        "city": "Austin",
        "postal_code": "78701",
        "country": "US",
        "lat": 30.2676,
        "lon": -97.7429,
    },
    "denver": {
        "line1": "1701 Wynkoop St",
        "city": "Denver",
        "postal_code": "80202",
        "country": "US",
        "lat": 39.7531,
        "lon": -105.0000,
    },
    "portland": {
        "line1": "1000 SW Broadway",
        "city": "Portland",
        "postal_code": "97205",
        "country": "US",
        "lat": 45.5170,
        "lon": -122.6814,
    },
}

# external ref, channel, customer, delivery, lines {sku: qty}, what happens next
ORDERS: list[tuple[str, str, str, dict[str, Any], dict[str, int], str]] = [
    (
        "DEMO-1001",
        "WEB",
        "Grace Hopper",
        {"method": "SHIP", "address": ADDRESSES["boston"]},
        {"TSHIRT-BLK-M": 2, "SOCKS-3PK": 1},
        "deliver",
    ),
    (
        "DEMO-1002",
        "MOBILE",
        "Alan Turing",
        {"method": "PICKUP", "pickup_node": "STORE-NYC"},
        {"SNEAKER-WHT-42": 1},
        "ready",
    ),
    (
        "DEMO-1003",
        "WEB",
        "Ada Lovelace",
        {"method": "SHIP", "address": ADDRESSES["austin"]},
        {"JEANS-32-32": 1, "BACKPACK-24L": 1},
        "ship-first",
    ),
    (
        "DEMO-1004",
        "CALL_CENTER",
        "Edsger Dijkstra",
        {"method": "SHIP", "address": ADDRESSES["denver"]},
        {"LANTERN-LED": 5},
        "none",
    ),
    (
        "DEMO-1005",
        "WEB",
        "Barbara Liskov",
        {"method": "SHIP", "address": ADDRESSES["portland"]},
        {"JACKET-RAIN-L": 1},
        "cancel",
    ),
    (
        "DEMO-1006",
        "MARKETPLACE",
        "Donald Knuth",
        {"method": "SHIP", "address": ADDRESSES["austin"]},
        {"TSHIRT-BLK-M": 3},
        "hold",
    ),
    (
        "DEMO-1007",
        "STORE",
        "Margaret Hamilton",
        {"method": "SHIP", "address": ADDRESSES["boston"]},
        {"SOCKS-3PK": 2},
        "return",
    ),
    (
        "DEMO-1008",
        "WEB",
        "Ken Thompson",
        {"method": "SHIP", "address": ADDRESSES["denver"]},
        {"SNEAKER-WHT-42": 2, "TSHIRT-BLK-M": 1},
        "none",
    ),
    (  # STORE-NYC stocks no jeans: a transfer brings them, received there, ready
        "DEMO-1009",
        "WEB",
        "Frances Allen",
        {"method": "PICKUP", "pickup_node": "STORE-NYC"},
        {"JEANS-32-32": 1},
        "ready",
    ),
]
