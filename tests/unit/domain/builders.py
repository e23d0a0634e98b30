"""Small builders for domain objects in a known state, so tests state only what matters."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from eventsourcing.domain import Aggregate, Snapshot

from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.order import Order
from domain.order_values import Address, CustomerDetails, Delivery, LineItem, Payment
from domain.shipment import Shipment
from domain.sourcing import Candidate, Plan
from domain.stock_levels import StockLevels
from domain.values import Capability, Channel, GeoPoint, NodeType, ShipmentStatus

AMSTERDAM = GeoPoint(52.37, 4.90)
UTRECHT = GeoPoint(52.09, 5.12)
ROTTERDAM = GeoPoint(51.92, 4.48)
PARIS = GeoPoint(48.86, 2.35)

ADDRESS = {
    "line1": "Damrak 1",
    "city": "Amsterdam",
    "postal_code": "1012 LG",
    "country": "NL",
    "lat": AMSTERDAM.lat,
    "lon": AMSTERDAM.lon,
}
CUSTOMER = {"id": "C-1", "name": "Ada Lovelace", "email": "ada@example.com"}
# The same, as the domain's values.
THE_ADDRESS = Address.from_dict(ADDRESS)
THE_CUSTOMER = CustomerDetails.from_dict(CUSTOMER)

Line = tuple[str, int, str]


def at(hour: int, day: int = 1) -> datetime:
    return datetime(2025, 1, day, hour, tzinfo=UTC)


def a_node(
    code: str = "DC1",
    *,
    node_type: NodeType = NodeType.DC,
    location: GeoPoint = AMSTERDAM,
    capabilities: tuple[Capability, ...] = (Capability.SHIP, Capability.RETURNS),
    **kwargs: Any,
) -> InventoryNode:
    return InventoryNode.register(
        code, f"Node {code}", node_type, location, frozenset(capabilities), **kwargs
    )


def a_stock(
    node_code: str = "DC1", sku: str = "SKU-1", *, on_hand: int = 0, safety_stock: int = 0
) -> NodeStock:
    stock = NodeStock.open(node_code, sku)
    if on_hand:
        stock.receive(on_hand, "initial")
    if safety_stock:
        stock.set_safety_stock(safety_stock)
    return stock


def order_lines(*lines: Line) -> list[dict[str, Any]]:
    lines = lines or (("SKU-1", 2, "10.00"),)
    return [
        {"sku": sku, "quantity": qty, "unit_price": Decimal(price)} for sku, qty, price in lines
    ]


def a_placed_order(
    *lines: Line,
    pickup_node: str | None = None,
    order_id: UUID | None = None,
    payment: dict[str, Any] | None = None,
    **kwargs: Any,
) -> Order:
    """An order for `lines` (sku, quantity, unit price); shipped unless a pickup node is given."""
    delivery: dict[str, Any] = (
        {"method": "PICKUP", "pickup_node": pickup_node}
        if pickup_node
        else {"method": "SHIP", "address": ADDRESS}
    )
    return Order.place(
        order_id or uuid4(),
        Channel.WEB,
        CustomerDetails.from_dict(CUSTOMER),
        Delivery.from_dict(delivery),
        [LineItem.from_dict(line) for line in order_lines(*lines)],
        payment=Payment.from_dict(payment) if payment else None,
        **kwargs,
    )


def a_plan(
    shipments: Mapping[str, Mapping[str, int]], backorders: Mapping[str, int] | None = None
) -> Plan:
    return Plan(shipments, backorders or {}, {"rule": "test"})


def an_allocated_order(
    *lines: Line,
    shipments: Mapping[str, Mapping[str, int]] | None = None,
    pickup_node: str | None = None,
) -> Order:
    """A placed order sourced by `shipments` (default: everything from DC1, or the store)."""
    order = a_placed_order(*lines, pickup_node=pickup_node)
    if shipments is None:
        shipments = {pickup_node or "DC1": order.to_source()}
    order.allocate(a_plan(shipments), reason="placed")
    return order


def only_shipment(order: Order) -> Shipment:
    (shipment,) = order.shipments.values()
    return shipment


def shipment_at(order: Order, node_code: str) -> Shipment:
    return next(s for s in order.shipments.values() if s.node_code == node_code)


def walk(order: Order, shipment: Shipment, *steps: str) -> Shipment:
    """Take `shipment` through `steps`; shipping uses carrier UPS."""
    for step in steps:
        carrier = "UPS" if step == "ship" else None
        order.step(shipment.id, step, carrier=carrier)
    return shipment


S = ShipmentStatus
# The steps that bring a fresh shipment to each status (DELIVERED depends on the method).
PATHS: dict[ShipmentStatus, tuple[str, ...]] = {
    S.ALLOCATED: (),
    S.PICKED: ("pick",),
    S.PACKED: ("pick", "pack"),
    S.SHIPPED: ("pick", "pack", "ship"),
    S.REJECTED: ("reject",),
    S.READY_FOR_PICKUP: ("pick", "ready-for-pickup"),
    S.CANCELLED: (),
}
DELIVERY = {
    False: ("pick", "pack", "ship", "deliver"),
    True: ("pick", "ready-for-pickup", "collect"),
}


def a_shipment_in(status: ShipmentStatus, *, pickup: bool = False) -> tuple[Order, Shipment]:
    """An order whose shipment of SKU-1 is in `status`, beside an allocated one of SKU-2.

    The order is for pickup if asked (unless the status needs shipping) or the status needs it.
    """
    pickup = status == S.READY_FOR_PICKUP or (pickup and status != S.SHIPPED)
    node, other = ("ST1", "ST1") if pickup else ("DC1", "DC2")
    order = a_placed_order(
        ("SKU-1", 2, "10.00"), ("SKU-2", 1, "5.00"), pickup_node=node if pickup else None
    )
    [shipment] = order.allocate(a_plan({node: {"SKU-1": 2}}), "placed")
    order.allocate(a_plan({other: {"SKU-2": 1}}), "placed")
    if status == S.CANCELLED:
        order.cancel("customer", {"SKU-1": 2})
    walk(order, shipment, *(DELIVERY[pickup] if status == S.DELIVERED else PATHS[status]))
    assert shipment.status == status
    return order, shipment


def a_delivered_order(*lines: Line) -> Order:
    order = an_allocated_order(*lines)
    walk(order, only_shipment(order), "pick", "pack", "ship", "deliver")
    return order


def a_candidate(
    code: str,
    *,
    location: GeoPoint = AMSTERDAM,
    stock: Mapping[str, int] | None = None,
    capabilities: tuple[Capability, ...] = (Capability.SHIP,),
    **kwargs: Any,
) -> Candidate:
    return Candidate(
        code,
        location,
        frozenset(capabilities),
        stock if stock is not None else {"SKU-1": 10},
        **kwargs,
    )


def events_of(aggregate: Any) -> list[str]:
    """Names of the aggregate's pending events, collected (so each call sees only new ones)."""
    return [type(e).__name__ for e in aggregate.collect_events()]


def nested_events(aggregate: type[Aggregate]) -> list[type[Aggregate.Event]]:
    """The event classes defined inside an aggregate class (not inherited ones)."""
    return [
        value
        for value in vars(aggregate).values()
        if isinstance(value, type) and issubclass(value, Aggregate.Event)
    ]


def levels(stock: NodeStock) -> StockLevels:
    """The stock record's four numbers, as the stock read model holds them."""
    return StockLevels(stock.on_hand, stock.reserved, stock.safety_stock, stock.in_transit)


def stored_snapshot(aggregate: Aggregate, state: dict[str, Any]) -> Snapshot:
    """A snapshot of `aggregate` as an earlier release stored it, with that `state`."""
    now = Snapshot.take(aggregate)
    return Snapshot(
        originator_id=now.originator_id,
        originator_version=now.originator_version,
        timestamp=now.timestamp,
        topic=now.topic,
        state=state,
    )
