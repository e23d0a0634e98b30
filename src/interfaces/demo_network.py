"""The demo network: DCs, warehouses, stores in real US cities, drop-ship vendors, a catalogue.

Coordinates are the cities' (or sites') real ones. The catalogue is a few hundred SKUs in
families (T-shirts by colour and size, jeans by waist and length, …); opening stock is drawn
from a seeded random generator, so every run builds the same network.
"""

from __future__ import annotations

import random
from itertools import product

# code: (name, type, lat, lon, capabilities, priority, ship cost, daily capacity)
Node = tuple[str, str, float, float, list[str], int, str, int | None]
_DC = ["SHIP", "RETURNS", "SPECIAL_HANDLING"]
_STORE = ["SHIP", "PICKUP", "RETURNS"]
_PICKUP_ONLY = ["PICKUP", "RETURNS"]
_VENDOR = ["SHIP"]

FULFILMENT: dict[str, Node] = {
    "DC-NJ": ("Newark DC", "DC", 40.7357, -74.1724, _DC, 10, "4.50", 5000),
    "DC-TX": ("Dallas DC", "DC", 32.7767, -96.7970, ["SHIP", "RETURNS"], 10, "4.80", 5000),
    "DC-GA": ("Atlanta DC", "DC", 33.6407, -84.4277, _DC, 10, "4.60", 4000),
    "DC-IL": ("Joliet DC", "DC", 41.5250, -88.0817, ["SHIP", "RETURNS"], 10, "4.70", 4000),
    "WH-CA": ("Ontario CA warehouse", "WAREHOUSE", 34.0633, -117.6509, ["SHIP"], 20, "5.20", 3000),
    "WH-WA": ("Kent WA warehouse", "WAREHOUSE", 47.3809, -122.2348, ["SHIP"], 20, "5.40", 2000),
    "WH-PA": ("Allentown warehouse", "WAREHOUSE", 40.6023, -75.4714, ["SHIP"], 20, "5.10", 2500),
    "VENDOR-OH": ("Columbus vendor", "DROPSHIP", 39.9612, -82.9988, _VENDOR, 40, "7.00", None),
    "VENDOR-NC": ("Charlotte vendor", "DROPSHIP", 35.2271, -80.8431, _VENDOR, 40, "7.50", None),
}

# code: (name, lat, lon, ships too?)
STORES: dict[str, tuple[str, float, float, bool]] = {
    "STORE-NYC": ("Manhattan 5th Ave", 40.7549, -73.9840, True),
    "STORE-BKN": ("Brooklyn Atlantic Terminal", 40.6840, -73.9776, False),
    "STORE-CHI": ("Chicago Michigan Ave", 41.8947, -87.6244, True),
    "STORE-SF": ("San Francisco Union Square", 37.7880, -122.4075, True),
    "STORE-SEA": ("Seattle Pike Place", 47.6097, -122.3422, False),
    "STORE-BOS": ("Boston Newbury St", 42.3503, -71.0810, True),
    "STORE-PHL": ("Philadelphia Walnut St", 39.9496, -75.1697, True),
    "STORE-DC": ("Washington Georgetown", 38.9055, -77.0621, True),
    "STORE-BAL": ("Baltimore Harbor East", 39.2833, -76.6003, False),
    "STORE-PIT": ("Pittsburgh Shadyside", 40.4515, -79.9339, False),
    "STORE-ATL": ("Atlanta Ponce City", 33.7726, -84.3655, True),
    "STORE-MIA": ("Miami Brickell", 25.7663, -80.1917, True),
    "STORE-ORL": ("Orlando Mills", 28.5383, -81.3792, False),
    "STORE-TPA": ("Tampa Hyde Park", 27.9380, -82.4776, False),
    "STORE-CLT": ("Charlotte SouthPark", 35.1531, -80.8285, True),
    "STORE-NSH": ("Nashville The Gulch", 36.1520, -86.7840, True),
    "STORE-DET": ("Detroit Woodward", 42.3350, -83.0490, False),
    "STORE-CLE": ("Cleveland Ohio City", 41.4846, -81.7048, False),
    "STORE-MSP": ("Minneapolis North Loop", 44.9886, -93.2766, True),
    "STORE-STL": ("St. Louis Central West End", 38.6436, -90.2605, False),
    "STORE-KC": ("Kansas City Plaza", 39.0410, -94.5925, False),
    "STORE-DAL": ("Dallas Knox-Henderson", 32.8176, -96.7880, True),
    "STORE-HOU": ("Houston Galleria", 29.7390, -95.4633, True),
    "STORE-AUS": ("Austin South Congress", 30.2500, -97.7494, True),
    "STORE-SAT": ("San Antonio Pearl", 29.4422, -98.4795, False),
    "STORE-DEN": ("Denver Cherry Creek", 39.7170, -104.9530, True),
    "STORE-PHX": ("Phoenix Biltmore", 33.5100, -112.0290, True),
    "STORE-SLC": ("Salt Lake City Trolley Square", 40.7580, -111.8700, False),
    "STORE-LV": ("Las Vegas Summerlin", 36.1560, -115.3330, False),
    "STORE-LA": ("Los Angeles The Grove", 34.0720, -118.3570, True),
    "STORE-SD": ("San Diego Gaslamp", 32.7114, -117.1601, True),
    "STORE-PDX": ("Portland Pearl District", 45.5290, -122.6820, True),
}

NODES: dict[str, Node] = {
    **FULFILMENT,
    **{
        code: (name, "STORE", lat, lon, _STORE if ships else _PICKUP_ONLY, 50, "6.00", 60)
        for code, (name, lat, lon, ships) in STORES.items()
    },
}


def _catalogue() -> dict[str, str]:
    """sku: unit price. The first seven are the SKUs the README and tests use."""
    skus = {
        "TSHIRT-BLK-M": "19.90",
        "JEANS-32-32": "59.00",
        "SNEAKER-WHT-42": "89.00",
        "JACKET-RAIN-L": "129.00",
        "BACKPACK-24L": "69.00",
        "SOCKS-3PK": "12.50",
        "LANTERN-LED": "34.90",
    }
    colours = ["BLK", "WHT", "NVY", "GRY", "RED", "GRN"]
    families = [
        ("TSHIRT", colours, ["XS", "S", "M", "L", "XL"], "19.90"),
        ("HOODIE", colours[:4], ["S", "M", "L", "XL"], "49.00"),
        ("JEANS", ["28", "30", "32", "34", "36", "38"], ["30", "32", "34"], "59.00"),
        ("SNEAKER", ["WHT", "BLK", "NVY"], [str(s) for s in range(38, 47)], "89.00"),
        ("JACKET-RAIN", ["BLK", "NVY", "YEL"], ["S", "M", "L", "XL"], "129.00"),
        ("CAP", colours, ["OS"], "24.00"),
        ("TENT", ["1P", "2P", "4P"], ["STD", "ULT"], "249.00"),
        ("SLEEPBAG", ["SUMMER", "3SEASON", "WINTER"], ["REG", "LONG"], "139.00"),
        ("POLO", colours, ["S", "M", "L", "XL"], "39.00"),
        ("SHORTS", colours[:5], ["S", "M", "L", "XL"], "34.00"),
        ("DRESS", colours[:5], ["XS", "S", "M", "L"], "79.00"),
        ("BOOT", ["BRN", "BLK"], [str(s) for s in range(38, 47)], "149.00"),
        ("BEANIE", colours, ["OS"], "19.00"),
        ("GLOVES", ["BLK", "GRY", "NVY"], ["S", "M", "L"], "29.00"),
        ("BOTTLE", ["STEEL", "BLUE", "GREEN"], ["500", "750", "1000"], "24.00"),
    ]
    for family, first, second, price in families:
        for a, b in product(first, second):
            skus.setdefault(f"{family}-{a}-{b}", price)
    return skus


CATALOGUE = _catalogue()
SKUS = list(CATALOGUE)
OUTDOOR = [s for s in SKUS if s.startswith(("TENT", "SLEEPBAG", "BACKPACK", "LANTERN"))]


# The core: nine nodes and seven SKUs, stocked so the named orders (demo_data) behave
# the same in the full network and in `load(..., network="core")` (quick, for tests).
CORE_STOCK: dict[str, dict[str, int]] = {
    "DC-NJ": {"TSHIRT-BLK-M": 400, "JEANS-32-32": 120, "JACKET-RAIN-L": 35, "SOCKS-3PK": 800},
    "DC-TX": {"TSHIRT-BLK-M": 250, "JEANS-32-32": 90, "SNEAKER-WHT-42": 60, "SOCKS-3PK": 600},
    "WH-CA": {"TSHIRT-BLK-M": 300, "SNEAKER-WHT-42": 40},
    "VENDOR-OH": {"BACKPACK-24L": 500},
    "STORE-NYC": {"TSHIRT-BLK-M": 24, "SNEAKER-WHT-42": 4, "SOCKS-3PK": 40},
    "STORE-BKN": {"JEANS-32-32": 6},
    "STORE-CHI": {"JEANS-32-32": 12, "SOCKS-3PK": 30},
    "STORE-SF": {"TSHIRT-BLK-M": 18, "JACKET-RAIN-L": 5},
    "STORE-SEA": {"SNEAKER-WHT-42": 3, "JACKET-RAIN-L": 8},
}
CORE_STOCK["DC-NJ"]["LANTERN-LED"] = 2  # the scarce SKU backorders wait for


def _stock() -> dict[str, dict[str, int]]:
    """node: {sku: opening quantity}, the same on every run: the core, then a draw."""
    draw = random.Random(13)
    stock: dict[str, dict[str, int]] = {}
    core = {sku for held in CORE_STOCK.values() for sku in held}
    apparel = [s for s in SKUS if s not in OUTDOOR and s not in core]
    for code, (_, kind, *_rest) in NODES.items():
        if kind == "DC":
            stock[code] = {s: draw.randint(40, 400) for s in draw.sample(apparel, 100)}
        elif kind == "WAREHOUSE":
            stock[code] = {s: draw.randint(20, 200) for s in draw.sample(apparel, 40)}
        elif kind == "DROPSHIP":
            stock[code] = {s: draw.randint(50, 500) for s in OUTDOOR if s not in core}
        else:
            popular = apparel[::5]
            stock[code] = {s: draw.randint(2, 24) for s in draw.sample(popular, 8)}
        stock[code] = {**stock[code], **CORE_STOCK.get(code, {})}
    return stock


STOCK = _stock()
CORE_NODES = {code: NODES[code] for code in CORE_STOCK}
