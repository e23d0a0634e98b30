"""Inventory nodes: the master data of a DC, warehouse, store or drop-ship vendor."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest, NotAllowed, NotFound
from domain.values import Capability, GeoPoint, NodeType, node_id


class InventoryNode(Aggregate):
    """A DC, warehouse, store or drop-ship vendor that can hold and fulfil stock."""

    TOPIC = "oms:InventoryNode"

    class Event(Aggregate.Event):
        TOPIC = "oms:InventoryNode.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:InventoryNode.Created"

    class Registered(Created):
        TOPIC = "oms:InventoryNode.Registered"
        code: str
        name: str
        node_type: str
        lat: float
        lon: float
        capabilities: list[str]
        daily_capacity: int | None
        priority: int
        ship_cost: Decimal

    class Deactivated(Event):
        TOPIC = "oms:InventoryNode.Deactivated"

        def apply(self, node: InventoryNode) -> None:
            node.active = False

    class Activated(Event):
        TOPIC = "oms:InventoryNode.Activated"

        def apply(self, node: InventoryNode) -> None:
            node.active = True

    class DowntimeScheduled(Event):
        TOPIC = "oms:InventoryNode.DowntimeScheduled"
        downtime_id: UUID
        starts_at: datetime
        ends_at: datetime
        reason: str

        def apply(self, node: InventoryNode) -> None:
            node.downtimes[str(self.downtime_id)] = (self.starts_at, self.ends_at, self.reason)

    class DowntimeCancelled(Event):
        TOPIC = "oms:InventoryNode.DowntimeCancelled"
        downtime_id: UUID

        def apply(self, node: InventoryNode) -> None:
            del node.downtimes[str(self.downtime_id)]

    def __init__(
        self,
        code: str,
        name: str,
        node_type: str,
        lat: float,
        lon: float,
        capabilities: list[str],
        daily_capacity: int | None,
        priority: int,
        ship_cost: Decimal,
    ) -> None:
        self.code = code
        self.name = name
        self.node_type = NodeType(node_type)
        self.location = GeoPoint(lat, lon)
        self.capabilities = frozenset(Capability(c) for c in capabilities)
        self.daily_capacity = daily_capacity
        self.priority = priority
        self.ship_cost = ship_cost
        self.active = True
        self.downtimes: dict[str, tuple[datetime, datetime, str]] = {}

    @classmethod
    def register(
        cls,
        code: str,
        name: str,
        node_type: NodeType,
        location: GeoPoint,
        capabilities: frozenset[Capability],
        daily_capacity: int | None = None,
        priority: int = 100,
        ship_cost: Decimal = Decimal("0"),
    ) -> InventoryNode:
        if not code.strip():
            raise InvalidRequest("a node needs a code")
        if daily_capacity is not None and daily_capacity < 0:
            raise InvalidRequest("daily capacity cannot be negative")
        return cls._create(
            cls.Registered,
            id=node_id(code),
            code=code,
            name=name,
            node_type=str(node_type),
            lat=location.lat,
            lon=location.lon,
            capabilities=sorted(str(c) for c in capabilities),
            daily_capacity=daily_capacity,
            priority=priority,
            ship_cost=ship_cost,
        )

    def deactivate(self) -> None:
        if self.active:
            self.trigger_event(self.Deactivated)

    def activate(self) -> None:
        if not self.active:
            self.trigger_event(self.Activated)

    def schedule_downtime(
        self, downtime_id: UUID, starts_at: datetime, ends_at: datetime, reason: str
    ) -> None:
        if ends_at <= starts_at:
            raise InvalidRequest("a downtime must end after it starts")
        if str(downtime_id) in self.downtimes:
            raise NotAllowed(f"downtime {downtime_id} is already scheduled")
        self.trigger_event(
            self.DowntimeScheduled,
            downtime_id=downtime_id,
            starts_at=starts_at,
            ends_at=ends_at,
            reason=reason,
        )

    def cancel_downtime(self, downtime_id: UUID) -> None:
        if str(downtime_id) not in self.downtimes:
            raise NotFound(f"node {self.code} has no downtime {downtime_id}")
        self.trigger_event(self.DowntimeCancelled, downtime_id=downtime_id)

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def check_pickup(self) -> None:
        """Refuse a pickup order at this node unless it is active and hands orders over."""
        if not self.active:
            raise InvalidRequest(f"pickup node {self.code!r} is inactive")
        if not self.can(Capability.PICKUP):
            raise InvalidRequest(f"pickup node {self.code!r} does not hand over pickup orders")

    def is_down(self, at: datetime) -> bool:
        return any(start <= at < end for start, end, _ in self.downtimes.values())
