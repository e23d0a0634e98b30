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
    code: str
    name: str
    type: NodeType
    lat: float
    lon: float
    capabilities: list[Capability]
    daily_capacity: int | None
    priority: int
    ship_cost: Decimal
    active: bool
    registered_at: datetime
    updated_at: datetime

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
