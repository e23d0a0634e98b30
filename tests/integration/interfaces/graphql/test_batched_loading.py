"""No N+1: a page of 100 orders with nested fields costs a constant number of statements."""

from __future__ import annotations

from typing import Any, ClassVar

from psycopg import AsyncCursor

from projections import ProjectionRunner
from tests.application.network import Network
from tests.integration.interfaces.graphql.conftest import ReadSide

PAGE = """
{
  orders(first: 100) {
    edges { node {
      id status
      lines { sku quantity shipped }
      shipments { id status trackingNumber lines { sku quantity } }
    } }
    pageInfo { hasNextPage }
  }
}
"""
EVERYTHING = """
{
  orders(first: 100) {
    totalCount
    edges { node {
      id lines { sku } shipments { lines { sku } } timeline { type }
      returns { id lines { sku } order { id } }
    } }
  }
}
"""


class CountingCursor(AsyncCursor[Any]):
    """Counts every statement the read side sends."""

    statements: ClassVar[list[str]] = []

    async def execute(self, query: Any, params: Any = None, **kwargs: Any) -> Any:
        CountingCursor.statements.append(str(query))
        return await super().execute(query, params, **kwargs)


def test_a_page_of_100_orders_with_lines_and_shipments_takes_four_statements(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "TEA", 500)
    network.stock("DC-TX", "TEA", 500)
    network.stock("DC-NJ", "JAM", 500)
    placed = [network.place({"TEA": 1, "JAM": 1}) for _ in range(110)]
    for answer in placed[:10]:
        network.deliver(answer)
    runner.catch_up()

    for fast_path in (True, False):  # OMS_GRAPHQL_FAST_PATH either way
        CountingCursor.statements.clear()
        data = read.data(PAGE, cursor_factory=CountingCursor, fast_path=fast_path)

        nodes = [edge["node"] for edge in data["orders"]["edges"]]
        assert len(nodes) == 100
        assert data["orders"]["pageInfo"]["hasNextPage"] is True
        assert all(len(n["lines"]) == 2 and n["shipments"] for n in nodes)
        assert all(s["lines"] for n in nodes for s in n["shipments"])
        # the page, then one each for lines, shipments and shipment lines
        assert len(CountingCursor.statements) == 4, CountingCursor.statements

        CountingCursor.statements.clear()
        read.data(EVERYTHING, cursor_factory=CountingCursor, fast_path=fast_path)
        # + count, timeline, returns (none here, so no return lines or orders)
        assert len(CountingCursor.statements) == 7, CountingCursor.statements
