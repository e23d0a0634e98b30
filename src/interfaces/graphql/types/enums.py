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
    ShipmentType,
)
from interfaces.graphql.internals import describe_enum_values


def expose(enum: type[Enum], description: str, values: dict[str, str]) -> None:
    """Make `enum` a GraphQL enum, each value with its description (by member name)."""
    strawberry.enum(enum, description=description)
    describe_enum_values(enum, values)


expose(
    Capability,
    "What an inventory node can do.",
    {
        "SHIP": "Ships orders to customers.",
        "PICKUP": "Hands orders over to customers who collect them (BOPIS).",
        "RETURNS": "Takes returned goods back.",
        "SPECIAL_HANDLING": "Handles goods with special needs (hazardous, oversized).",
    },
)
expose(
    Channel,
    "The sales channel an order came through.",
    {
        "WEB": "The web shop.",
        "MOBILE": "The mobile app.",
        "CALL_CENTER": "An agent in the call centre.",
        "STORE": "A sale in a store.",
        "MARKETPLACE": "A third-party marketplace.",
    },
)
expose(
    DeliveryMethod,
    "Shipped to an address or picked up at a store.",
    {"SHIP": "Shipped to the delivery address.", "PICKUP": "Collected at a store (BOPIS)."},
)
expose(
    HoldType,
    "Why an order is held.",
    {
        "CREDIT": "Over the credit limit, or invoices overdue.",
        "FRAUD": "A fraud rule fired.",
        "ADDRESS": "The address is incomplete.",
        "CUSTOMER": "Placed by an agent (e.g. at the customer's request).",
    },
)
expose(
    NodeType,
    "Kind of inventory node.",
    {
        "DC": "A distribution centre.",
        "WAREHOUSE": "A warehouse.",
        "STORE": "A store.",
        "DROPSHIP": "A vendor shipping on our behalf.",
    },
)
expose(
    OrderStatus,
    "Where an order stands, derived from its shipments.",
    {
        "PLACED": "Placed, not sourced yet.",
        "ON_HOLD": "Held: no shipment may be picked until released.",
        "BACKORDERED": "Some units wait for stock.",
        "ALLOCATED": "Every unit is allocated to a node; nothing shipped yet.",
        "PARTIALLY_SHIPPED": "Some shipments have left.",
        "SHIPPED": "Every shipment has left.",
        "READY_FOR_PICKUP": "Waiting at the store to be collected.",
        "DELIVERED": "Every shipment was delivered or collected.",
        "CANCELLED": "Cancelled as a whole.",
        "CLOSED": "Finished: nothing left open.",
    },
)
expose(
    ReturnMethod,
    "Returned by mail or at a store.",
    {"MAIL": "Sent back by mail with a label.", "STORE": "Brought to a store (BORIS)."},
)
expose(
    ReturnStatus,
    "Where a return (RMA) stands.",
    {
        "AUTHORIZED": "Authorised; the goods are on their way.",
        "RECEIVED": "The goods arrived at a node.",
        "INSPECTED": "Each unit has a disposition.",
        "REFUNDED": "The customer was refunded.",
        "EXCHANGED": "Replacements were ordered.",
        "CLOSED": "Finished.",
        "CANCELLED": "Cancelled before the goods arrived.",
    },
)
expose(
    ShipmentStatus,
    "Where a shipment stands.",
    {
        "ALLOCATED": "Stock reserved at the node; waiting to be picked.",
        "PICKED": "Picked (pick list issued).",
        "PACKED": "Packed (packing slip issued).",
        "SHIPPED": "Handed to the carrier.",
        "READY_FOR_PICKUP": "Waiting at the store to be collected.",
        "DELIVERED": "Delivered or collected.",
        "CANCELLED": "Cancelled; its stock was released.",
        "REJECTED": "The node could not fulfil it; its lines were re-sourced.",
    },
)
expose(
    ShipmentType,
    "How a shipment's goods reach the customer.",
    {
        "SHIP": "Shipped from its node to the customer's address.",
        "PICKUP": "Handed over at its node, the pickup store (BOPIS).",
        "TRANSFER": "Sent from its node to the pickup store (`transferTo`), ready for "
        "pickup there once the store received it all.",
    },
)
expose(
    ScanCode,
    "What a carrier scan reports.",
    {
        "IN_TRANSIT": "The parcel is on its way.",
        "OUT_FOR_DELIVERY": "The parcel is out for delivery today.",
        "DELIVERED": "The parcel was delivered (this delivers the shipment).",
        "EXCEPTION": "Something went wrong in transit (damage, address, held at depot).",
    },
)


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
    "ShipmentType",
    "by_value",
]
