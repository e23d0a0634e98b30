from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.enums import Channel


@strawberry.type(
    description="What one sales channel may sell of a SKU: the available stock of the nodes "
    "the channel rules let it sell from."
)
class ChannelAvailability:
    channel: Channel = strawberry.field(description="The sales channel.")
    available: int = strawberry.field(
        description="Units this channel may sell, after its node types and buffer."
    )
    node_count: int = strawberry.field(description="Nodes contributing to it.")

    @classmethod
    def from_row(cls, row: Row) -> ChannelAvailability:
        """From a `stock.stock_by_channel` row."""
        return cls(
            channel=Channel(row["channel"]),
            available=row["available"],
            node_count=row["node_count"],
        )
