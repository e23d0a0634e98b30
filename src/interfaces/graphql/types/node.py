from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import strawberry

from interfaces.graphql.context import Info
from interfaces.graphql.db import Row
from interfaces.graphql.types.downtime import Downtime
from interfaces.graphql.types.enums import Capability, NodeType


@strawberry.type(description="An inventory node: DC, warehouse, store or drop-ship vendor.")
class Node:
    code: str = strawberry.field(description="The node code (unique).")
    name: str = strawberry.field(description="Display name.")
    type: NodeType = strawberry.field(description="DC, WAREHOUSE, STORE or DROPSHIP.")
    lat: float = strawberry.field(description="Latitude.")
    lon: float = strawberry.field(description="Longitude.")
    capabilities: list[Capability] = strawberry.field(
        description="What it can do (ship, pickup, returns...)."
    )
    daily_capacity: int | None = strawberry.field(
        description="Shipments it can take per day; null: no limit."
    )
    priority: int = strawberry.field(description="Sourcing priority weight (0-1000).")
    ship_cost: Decimal = strawberry.field(description="Cost of one shipment from it.")
    active: bool = strawberry.field(description="False: sources and receives nothing.")
    registered_at: datetime = strawberry.field(description="When it was registered.")
    updated_at: datetime = strawberry.field(description="When it last changed.")

    @classmethod
    def from_row(cls, row: Row) -> Node:
        """From a `stock.nodes` row."""
        return cls(
            code=row["code"],
            name=row["name"],
            type=NodeType(row["node_type"]),
            lat=row["lat"],
            lon=row["lon"],
            capabilities=[Capability(c) for c in row["capabilities"]],
            daily_capacity=row["daily_capacity"],
            priority=row["priority"],
            ship_cost=row["ship_cost"],
            active=row["active"],
            registered_at=row["registered_at"],
            updated_at=row["updated_at"],
        )

    @strawberry.field(description="Scheduled downtime windows, earliest first.")
    async def downtimes(self, info: Info) -> list[Downtime]:
        rows = await info.context.loaders.downtimes.load(self.code)
        return [Downtime.from_row(row) for row in rows]
