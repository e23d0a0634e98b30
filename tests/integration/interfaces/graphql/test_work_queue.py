"""What the console reads: orders by external reference or backorder, a node's queue."""

from __future__ import annotations

from uuid import UUID

from application.oms import OMS
from projections import ProjectionRunner
from tests.application.network import Network
from tests.integration.interfaces.graphql.conftest import ReadSide

FIND = """
query($filter: OrderFilter) {
  orders(filter: $filter) { totalCount edges { node { externalRef } } }
}
"""
QUEUE = """
query($node: String!, $status: [ShipmentStatus!]) {
  shipments(nodeCode: $node, status: $status) { id orderId nodeCode status lines { sku quantity } }
}
"""


def refs(read: ReadSide, **filter: object) -> list[str]:
    page = read.data(FIND, {"filter": filter})["orders"]
    assert page["totalCount"] == len(page["edges"])
    return sorted(edge["node"]["externalRef"] for edge in page["edges"])


def test_orders_are_found_by_their_external_reference(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "MUG", 10)
    network.place({"MUG": 1}, external_ref="WEB-1")
    network.place({"MUG": 1}, external_ref="WEB-2")
    runner.catch_up()

    assert refs(read, externalRef="WEB-2") == ["WEB-2"]
    assert refs(read, externalRef="nothing") == []


def test_orders_with_a_line_waiting_for_stock_are_found_whatever_their_status(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "MUG", 1)
    network.known("DC-NJ", "KITE")
    network.place({"MUG": 1}, external_ref="FULL")
    network.place({"MUG": 1, "KITE": 1}, external_ref="PART", idempotency_key="part")
    network.stock("DC-NJ", "MUG", 1)
    network.place({"MUG": 2}, external_ref="SOME")
    runner.catch_up()

    assert refs(read, backordered=True) == ["PART", "SOME"]
    assert refs(read, backordered=False) == ["FULL"]


def test_a_nodes_queue_lists_its_shipments_in_the_asked_statuses_oldest_first(
    network: Network, oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "MUG", 10)
    first = network.place({"MUG": 1})
    second = network.place({"MUG": 2})
    oid, sid = UUID(first["order_id"]), UUID(first["shipments"][0]["shipment_id"])
    oms.step_shipment(oid, sid, "pick")
    runner.catch_up()

    every = read.data(QUEUE, {"node": "DC-NJ"})["shipments"]
    assert [(s["orderId"], s["status"]) for s in every] == [
        (first["order_id"], "PICKED"),
        (second["order_id"], "ALLOCATED"),
    ]
    assert every[1]["lines"] == [{"sku": "MUG", "quantity": 2}]
    to_pick = read.data(QUEUE, {"node": "DC-NJ", "status": ["ALLOCATED"]})["shipments"]
    assert [s["id"] for s in to_pick] == [second["shipments"][0]["shipment_id"]]
    assert read.data(QUEUE, {"node": "DC-TX"})["shipments"] == []
