from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.order import Order
from interfaces.graphql.types.order_edge import OrderEdge
from interfaces.graphql.types.page_info import PageInfo


@strawberry.type(
    description="A page of orders, newest first (Relay style): `edges { cursor node }` and "
    "`pageInfo { hasNextPage endCursor }`; pass endCursor as `after` to get the next page."
)
class OrderConnection:
    edges: list[OrderEdge]
    page_info: PageInfo
    counter: strawberry.Private[Callable[[], Awaitable[int]]]

    @classmethod
    def from_rows(
        cls,
        rows: list[Row],
        orders: list[Order],
        has_next: bool,
        counter: Callable[[], Awaitable[int]],
    ) -> OrderConnection:
        """From a page of `order_tracking.orders` rows and the orders built from them."""
        edges = [OrderEdge.from_row(row, order) for row, order in zip(rows, orders, strict=True)]
        end = edges[-1].cursor if edges else None
        return cls(
            edges=edges, page_info=PageInfo(has_next_page=has_next, end_cursor=end), counter=counter
        )

    @strawberry.field(description="How many orders match the filter (one more query).")
    async def total_count(self) -> int:
        return await self.counter()
