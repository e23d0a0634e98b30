"""The domain's enumerations, exposed as GraphQL enums under the same names and values."""

from __future__ import annotations

from collections.abc import Callable
from enum import Enum
from typing import TypeVar

import strawberry

from domain.scans import ScanCode
from domain.values import (
    Capability,
    Channel,
    DeliveryMethod,
    HoldType,
    NodeType,
    OrderStatus,
    ReturnMethod,
    ReturnStatus,
    ShipmentStatus,
)

strawberry.enum(Capability, description="What an inventory node can do.")
strawberry.enum(Channel, description="The sales channel an order came through.")
strawberry.enum(DeliveryMethod, description="Shipped to an address or picked up at a store.")
strawberry.enum(HoldType, description="Why an order is held.")
strawberry.enum(NodeType, description="Kind of inventory node.")
strawberry.enum(OrderStatus, description="Where an order stands, derived from its shipments.")
strawberry.enum(ReturnMethod, description="Returned by mail or at a store.")
strawberry.enum(ReturnStatus, description="Where a return (RMA) stands.")
strawberry.enum(ShipmentStatus, description="Where a shipment stands.")
strawberry.enum(ScanCode, description="What a carrier scan reports.")

E = TypeVar("E", bound=Enum)


def by_value(enum: type[E]) -> Callable[[object], E]:
    """The member for a stored value by a dict lookup (calling the enum costs a microsecond,
    paid for several columns of every row of a page). Unknown values raise KeyError."""
    return {member.value: member for member in enum}.__getitem__


__all__ = [
    "Capability",
    "Channel",
    "DeliveryMethod",
    "HoldType",
    "NodeType",
    "OrderStatus",
    "ReturnMethod",
    "ReturnStatus",
    "ScanCode",
    "ShipmentStatus",
    "by_value",
]
