"""Value types shared by the aggregates: enumerations, ids and geography."""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property, lru_cache
from hashlib import sha1
from os import urandom
from uuid import UUID, SafeUUID

from domain.quick_init import quick_init

EARTH_RADIUS_KM = 6371.0088
NAMESPACE = UUID("6f1c6b1e-4a8e-4d55-9a53-2f0a4c6b8e11")


class NodeType(StrEnum):
    DC = "DC"
    WAREHOUSE = "WAREHOUSE"
    STORE = "STORE"
    DROPSHIP = "DROPSHIP"


class Capability(StrEnum):
    SHIP = "SHIP"
    PICKUP = "PICKUP"
    RETURNS = "RETURNS"
    SPECIAL_HANDLING = "SPECIAL_HANDLING"


class Channel(StrEnum):
    WEB = "WEB"
    MOBILE = "MOBILE"
    CALL_CENTER = "CALL_CENTER"
    STORE = "STORE"
    MARKETPLACE = "MARKETPLACE"


# Each channel by its name: a look-up, not an enum call, for every order placed or loaded.
CHANNELS: dict[str, Channel] = {str(channel): channel for channel in Channel}


class DeliveryMethod(StrEnum):
    SHIP = "SHIP"
    PICKUP = "PICKUP"


class ShipmentType(StrEnum):
    """How a shipment's goods reach the customer: shipped, handed over at the node, or
    sent to the pickup store first (a TRANSFER)."""

    SHIP = "SHIP"
    PICKUP = "PICKUP"
    TRANSFER = "TRANSFER"


class HoldType(StrEnum):
    CREDIT = "CREDIT"
    FRAUD = "FRAUD"
    ADDRESS = "ADDRESS"
    CUSTOMER = "CUSTOMER"


class OrderStatus(StrEnum):
    PLACED = "PLACED"
    ON_HOLD = "ON_HOLD"
    BACKORDERED = "BACKORDERED"
    ALLOCATED = "ALLOCATED"
    PARTIALLY_SHIPPED = "PARTIALLY_SHIPPED"
    SHIPPED = "SHIPPED"
    READY_FOR_PICKUP = "READY_FOR_PICKUP"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"
    CLOSED = "CLOSED"


class ShipmentStatus(StrEnum):
    ALLOCATED = "ALLOCATED"
    PICKED = "PICKED"
    PACKED = "PACKED"
    SHIPPED = "SHIPPED"
    READY_FOR_PICKUP = "READY_FOR_PICKUP"
    DELIVERED = "DELIVERED"
    CANCELLED = "CANCELLED"
    REJECTED = "REJECTED"


class ReturnStatus(StrEnum):
    AUTHORIZED = "AUTHORIZED"
    RECEIVED = "RECEIVED"
    INSPECTED = "INSPECTED"
    REFUNDED = "REFUNDED"
    EXCHANGED = "EXCHANGED"
    CLOSED = "CLOSED"
    CANCELLED = "CANCELLED"


class ReturnMethod(StrEnum):
    MAIL = "MAIL"
    STORE = "STORE"


class Disposition(StrEnum):
    RESTOCK = "RESTOCK"
    REFURBISH = "REFURBISH"
    SCRAP = "SCRAP"


@quick_init
@dataclass(frozen=True)
class GeoPoint:
    lat: float
    lon: float

    def distance_km(self, other: GeoPoint) -> float:
        """Great-circle distance by the haversine formula."""
        return distances_from(self)(other)

    @cached_property
    def radians(self) -> tuple[float, float, float]:
        """Latitude and longitude in radians and the latitude's cosine: what the haversine
        needs of a point, worked out once per point (a node's place is measured from
        every delivery address; not part of the value: equality and encoding ignore it)."""
        return _radians(self)


def _radians(point: GeoPoint) -> tuple[float, float, float]:
    lat = math.radians(point.lat)
    return lat, math.radians(point.lon), math.cos(lat)


def distances_from(origin: GeoPoint) -> Callable[[GeoPoint], float]:
    """Great-circle distances (km, by the haversine formula) from one point to others,
    its trigonometry computed once. The origin's is not kept on it: a delivery address is
    measured from once, and `cached_property` takes a lock to store a value the first
    time (a node's place, measured from every address, keeps its own)."""
    lat, lon, cos_lat = origin.__dict__.get("radians") or _radians(origin)
    diameter = 2 * EARTH_RADIUS_KM
    sin, asin, sqrt = math.sin, math.asin, math.sqrt

    def distance(point: GeoPoint) -> float:
        lat2, lon2, cos_lat2 = point.radians
        a = sin((lat2 - lat) / 2) ** 2 + cos_lat * cos_lat2 * sin((lon2 - lon) / 2) ** 2
        return diameter * asin(sqrt(a))

    return distance


def name_id(namespace: UUID, name: str) -> UUID:
    """The name-based (version 5) UUID of `name` in `namespace`: `uuid.uuid5`'s value,
    made without its import per call (one per shipment)."""
    space = namespace.int.to_bytes(16, "big")  # its `bytes`, without the property's call
    digest = int.from_bytes(sha1(space + name.encode()).digest()[:16], "big")
    return _uuid(digest & _NOT_VERSION_VARIANT | _VERSION_5_RFC_4122)


def random_id() -> UUID:
    """A random (version 4) UUID, as `uuid.uuid4` makes it (one per order placed)."""
    return _uuid(int.from_bytes(urandom(16), "big") & _NOT_VERSION_VARIANT | _VERSION_4_RFC_4122)


# The version (bits 76-79) and variant (bits 62-63) of a UUID, and the values they take.
_NOT_VERSION_VARIANT = ~(0xF000 << 64) & ~(0xC000 << 48)
_VERSION_4_RFC_4122 = (4 << 76) | (0x8000 << 48)
_VERSION_5_RFC_4122 = (5 << 76) | (0x8000 << 48)
_set = object.__setattr__


def _uuid(value: int) -> UUID:
    """The UUID of a 128-bit value whose version and variant are set: the slots
    `UUID.__init__` sets, without its checks on the arguments it may take (three times
    the work of the hash)."""
    made = UUID.__new__(UUID)
    _set(made, "int", value)
    _set(made, "is_safe", SafeUUID.unknown)
    return made


# Sourcing names hundreds of nodes and stock records per decision; a uuid5 is a SHA-1.
@lru_cache(maxsize=4096)
def node_id(code: str) -> UUID:
    return name_id(NAMESPACE, f"node:{code}")


@lru_cache(maxsize=65536)
def node_stock_id(code: str, sku: str) -> UUID:
    return name_id(NAMESPACE, f"stock:{code}:{sku}")


def order_id(channel: str, external_ref: str) -> UUID:
    return name_id(NAMESPACE, f"order:{channel}:{external_ref}")


def child_id(parent: UUID, name: str) -> UUID:
    """A stable id for a thing inside an aggregate (shipment, document)."""
    return name_id(parent, name)


def id_text(value: UUID) -> str:
    """`str(value)`, remembered for the ids written again and again: a new shipment's id
    keys it in its order and names it to its stock records, answers and indexes (UUID's
    `__str__` formats in Python every time)."""
    return _id_text(value.int)


@lru_cache(maxsize=4096)
def _id_text(value: int) -> str:
    hexed = f"{value:032x}"
    return f"{hexed[:8]}-{hexed[8:12]}-{hexed[12:16]}-{hexed[16:20]}-{hexed[20:]}"
