"""PageInfo as the Relay connection spec has it: both ends of a page, and what lies beyond."""

from __future__ import annotations

from typing import Any

from projections import ProjectionRunner
from tests.application.network import Network
from tests.integration.interfaces.graphql.conftest import ReadSide

ORDERS = """
query($filter: OrderFilter, $first: Int, $after: String) {
  orders(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id } }
    pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
  }
}
"""
NODE_STOCK = """
query($first: Int, $after: String) {
  nodeStock(nodeCode: "DC-TX", first: $first, after: $after) {
    edges { cursor node { sku } }
    pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
  }
}
"""


def ends(connection: dict[str, Any]) -> tuple[str | None, str | None]:
    cursors = [edge["cursor"] for edge in connection["edges"]]
    return (cursors[0], cursors[-1]) if cursors else (None, None)


def test_pages_of_orders_know_what_comes_before_and_after_them(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "PEN", 10)
    for _ in range(3):
        network.place({"PEN": 1})
    runner.catch_up()

    first = read.data(ORDERS, {"first": 2})["orders"]
    second = read.data(ORDERS, {"first": 2, "after": first["pageInfo"]["endCursor"]})["orders"]
    empty = read.data(ORDERS, {"first": 2, "after": second["pageInfo"]["endCursor"]})["orders"]

    assert len(first["edges"]) == 2
    assert first["pageInfo"] == {
        "hasPreviousPage": False,
        "hasNextPage": True,
        "startCursor": ends(first)[0],
        "endCursor": ends(first)[1],
    }
    assert len(second["edges"]) == 1
    assert second["pageInfo"] == {
        "hasPreviousPage": True,
        "hasNextPage": False,
        "startCursor": ends(second)[0],
        "endCursor": ends(second)[1],
    }
    assert empty["edges"] == []
    assert empty["pageInfo"] == {
        "hasPreviousPage": True,
        "hasNextPage": False,
        "startCursor": None,
        "endCursor": None,
    }


def test_nothing_before_the_cursor_that_matches_the_filter_is_no_previous_page(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "INK", 10)
    network.place({"INK": 1})  # the oldest: the only one from the web shop
    network.place({"INK": 1}, channel="MOBILE")
    newest = network.place({"INK": 1}, channel="MOBILE")["order_id"]
    runner.catch_up()
    everything = read.data(ORDERS, {"first": 1})["orders"]
    assert everything["edges"][0]["node"]["id"] == newest

    # After the newest (mobile) order, only web orders: none of them comes before it.
    web = {"filter": {"channel": "WEB"}, "first": 5, "after": everything["pageInfo"]["endCursor"]}
    page = read.data(ORDERS, web)["orders"]

    assert len(page["edges"]) == 1
    assert page["pageInfo"]["hasPreviousPage"] is False


def test_pages_of_a_nodes_stock_know_what_comes_before_them(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    for sku in ("A-1", "A-2", "A-3"):
        network.stock("DC-TX", sku, 1)
    runner.catch_up()

    first = read.data(NODE_STOCK, {"first": 2})["nodeStock"]
    second = read.data(NODE_STOCK, {"first": 2, "after": first["pageInfo"]["endCursor"]})[
        "nodeStock"
    ]

    assert first["pageInfo"]["hasPreviousPage"] is False
    assert (first["pageInfo"]["startCursor"], first["pageInfo"]["endCursor"]) == ends(first)
    assert [e["node"]["sku"] for e in second["edges"]] == ["A-3"]
    assert second["pageInfo"] == {
        "hasPreviousPage": True,
        "hasNextPage": False,
        "startCursor": ends(second)[0],
        "endCursor": ends(second)[1],
    }
