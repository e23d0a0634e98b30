from __future__ import annotations

from collections.abc import Awaitable, Callable

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.order import Order
from interfaces.graphql.types.order_edge import OrderEdge
from interfaces.graphql.types.page_info import PageInfo


@strawberry.type(
    description="A page of orders, newest first (Relay style): `edges { cursor node }` and "
    "`pageInfo { hasNextPage endCursor }`; pass endCursor as `after` for the next page."
)
class OrderConnection:
    edges: list[OrderEdge] = strawberry.field(description="The orders of this page.")
    page_info: PageInfo = strawberry.field(description="Where the page starts and ends.")
    counter: strawberry.Private[Callable[[], Awaitable[int]]]

    @classmethod
    def from_rows(
        cls,
        rows: list[Row],
        orders: list[Order],
        has_next: bool,
        counter: Callable[[], Awaitable[int]],
        earlier: Callable[[], Awaitable[bool]] | None = None,
    ) -> OrderConnection:
        """From a page of `order_tracking.orders` rows and the orders built from them."""
        edges = [OrderEdge.from_row(row, order) for row, order in zip(rows, orders, strict=True)]
        page_info = PageInfo.of([edge.cursor for edge in edges], has_next, earlier)
        return cls(edges=edges, page_info=page_info, counter=counter)

    @strawberry.field(description="How many orders match the filter (one more query).")
    async def total_count(self) -> int:
        return await self.counter()
