from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.node import Node


@strawberry.type(description="A node that can serve the asked quantity, for the store finder.")
class NodeAvailability:
    node_code: str = strawberry.field(description="The node.")
    available: int = strawberry.field(description="Units it can sell now.")
    distance_km: float | None = strawberry.field(description="From `near`; null without it.")
    node: Node = strawberry.field(description="The node itself.")

    @classmethod
    def from_row(cls, row: Row) -> NodeAvailability:
        """From a `stock.nodes` row with the SKU's `available` and the `distance_km`."""
        distance = row["distance_km"]
        return cls(
            node_code=row["code"],
            available=row["available"],
            distance_km=round(distance, 3) if distance is not None else None,
            node=Node.from_row(row),
        )
