"""The demo network: nodes in real US cities, their opening stock, and orders to place."""

from __future__ import annotations

from typing import Any

# code: (name, type, lat, lon, capabilities, priority, ship cost, daily capacity)
NODES: dict[str, tuple[str, str, float, float, list[str], int, str, int | None]] = {
    "DC-NJ": (
        "Newark DC",
        "DC",
        40.7357,
        -74.1724,
        ["SHIP", "RETURNS", "SPECIAL_HANDLING"],
        10,
        "4.50",
        5000,
    ),
    "DC-TX": ("Dallas DC", "DC", 32.7767, -96.7970, ["SHIP", "RETURNS"], 10, "4.80", 5000),
    "WH-CA": ("Ontario CA warehouse", "WAREHOUSE", 34.0633, -117.6509, ["SHIP"], 20, "5.20", 3000),
    "VENDOR-OH": (
        "Columbus drop-ship vendor",
        "DROPSHIP",
        39.9612,
        -82.9988,
        ["SHIP"],
        40,
        "7.00",
        None,
    ),
    "STORE-NYC": (
        "Manhattan 5th Ave",
        "STORE",
        40.7549,
        -73.9840,
        ["SHIP", "PICKUP", "RETURNS"],
        50,
        "6.00",
        60,
    ),
    "STORE-BKN": (
        "Brooklyn Atlantic Terminal",
        "STORE",
        40.6840,
        -73.9776,
        ["PICKUP", "RETURNS"],
        50,
        "6.00",
        40,
    ),
    "STORE-CHI": (
        "Chicago Michigan Ave",
        "STORE",
        41.8947,
        -87.6244,
        ["SHIP", "PICKUP", "RETURNS"],
        50,
        "6.00",
        60,
    ),
    "STORE-SF": (
        "San Francisco Union Square",
        "STORE",
        37.7880,
        -122.4075,
        ["SHIP", "PICKUP", "RETURNS"],
        50,
        "6.50",
        50,
    ),
    "STORE-SEA": (
        "Seattle Pike Place",
        "STORE",
        47.6097,
        -122.3422,
        ["PICKUP", "RETURNS"],
        50,
        "6.50",
        40,
    ),
}

# sku: {node: quantity}
STOCK: dict[str, dict[str, int]] = {
    "TSHIRT-BLK-M": {"DC-NJ": 400, "DC-TX": 250, "WH-CA": 300, "STORE-NYC": 24, "STORE-SF": 18},
    "JEANS-32-32": {"DC-NJ": 120, "DC-TX": 90, "STORE-CHI": 12, "STORE-BKN": 6},
    "SNEAKER-WHT-42": {"DC-TX": 60, "WH-CA": 40, "STORE-NYC": 4, "STORE-SEA": 3},
    "JACKET-RAIN-L": {"DC-NJ": 35, "STORE-SEA": 8, "STORE-SF": 5},
    "BACKPACK-24L": {"VENDOR-OH": 500},
    "SOCKS-3PK": {"DC-NJ": 800, "DC-TX": 600, "STORE-NYC": 40, "STORE-CHI": 30},
    "LANTERN-LED": {"DC-NJ": 2},
}

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
]
