"""order(id) and orders(...) read the order tracking tables back."""

from __future__ import annotations

import uuid
from uuid import UUID

from application.commands import CancelOrder, PlaceHold, ShipShipment
from application.oms import OMS
from projections import ProjectionRunner
from tests.application.network import Network
from tests.integration.interfaces.graphql.conftest import ReadSide

ORDER = """
query($id: ID!) {
  order(id: $id) {
    id externalRef channel status version total paidAmount placedAt updatedAt
    customer { id name email }
    delivery { method pickupNode address { city postalCode country lat lon } }
    holds { type reason }
    lines { sku quantity unitPrice allocated shipped delivered cancelled returned backordered
            amount }
    shipments { id nodeCode status carrier trackingNumber documents shippedAt
                lines { sku quantity } }
    timeline { at type detail version position }
  }
}
"""
PAGE = """
query($filter: OrderFilter, $first: Int, $after: String) {
  orders(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id status } }
    pageInfo { hasNextPage endCursor }
  }
}
"""


def test_a_shipped_order_reads_back_with_lines_shipments_tracking_and_timeline(
    network: Network, oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "MUG", 10)
    placed = network.place(
        {"MUG": 2}, external_ref="WEB-1", payment={"method": "card", "authorized_amount": "20.00"}
    )
    oid = UUID(placed["order_id"])
    [shipment] = placed["shipments"]
    sid = UUID(shipment["shipment_id"])
    for step in ("pick", "pack"):
        oms.step_shipment(oid, sid, step)
    oms.step_shipment(oid, sid, "ship", ShipShipment(carrier="UPS", tracking_number="1Z999"))
    runner.catch_up()  # the authorised 20.00 was captured as the shipment left

    order = read.data(ORDER, {"id": str(oid)})["order"]

    assert (order["id"], order["externalRef"], order["channel"], order["status"]) == (
        str(oid),
        "WEB-1",
        "WEB",
        "SHIPPED",
    )
    assert (order["total"], order["paidAmount"]) == ("20.00", "20.00")
    assert order["customer"] == {"id": "C-1", "name": "Ada", "email": "ada@example.com"}
    assert order["delivery"]["method"] == "SHIP"
    assert order["delivery"]["address"]["city"] == "New York"
    assert order["lines"] == [
        {
            "sku": "MUG",
            "quantity": 2,
            "unitPrice": "10.00",
            "allocated": 2,
            "shipped": 2,
            "delivered": 0,
            "cancelled": 0,
            "returned": 0,
            "backordered": 0,
            "amount": "20.00",
        }
    ]
    [found] = order["shipments"]
    assert (found["id"], found["nodeCode"], found["status"]) == (str(sid), "DC-NJ", "SHIPPED")
    assert (found["carrier"], found["trackingNumber"]) == ("UPS", "1Z999")
    assert found["lines"] == [{"sku": "MUG", "quantity": 2}]
    assert found["shippedAt"] is not None
    types = [entry["type"] for entry in order["timeline"]]
    assert types[0] == "Placed"
    assert [e["version"] for e in order["timeline"]] == list(range(1, order["version"] + 1))
    assert [e["position"] for e in order["timeline"]] == sorted(
        e["position"] for e in order["timeline"]
    )


def test_holds_and_a_cancellation_show_in_the_order(
    network: Network, oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "CUP", 5)
    oid = UUID(network.place({"CUP": 1})["order_id"])
    oms.place_hold(oid, PlaceHold(type="FRAUD", reason="velocity"))
    runner.catch_up()
    held = read.data(ORDER, {"id": str(oid)})["order"]
    assert (held["status"], held["holds"]) == ("ON_HOLD", [{"type": "FRAUD", "reason": "velocity"}])

    oms.cancel_order(oid, CancelOrder(reason="customer asked"))
    runner.catch_up()
    cancelled = read.data(ORDER, {"id": str(oid)})["order"]
    assert cancelled["status"] == "CANCELLED"
    assert cancelled["lines"][0]["cancelled"] == 1


def test_an_unknown_order_is_null(read: ReadSide, runner: ProjectionRunner) -> None:
    runner.catch_up()
    assert read.data(ORDER, {"id": str(uuid.uuid4())}) == {"order": None}


def test_orders_come_newest_first_in_pages_that_follow_the_cursor(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "PEN", 100)
    placed = [network.place({"PEN": 1})["order_id"] for _ in range(5)]
    runner.catch_up()

    seen: list[str] = []
    after = None
    pages = 0
    while True:
        page = read.data(PAGE, {"first": 2, "after": after})["orders"]
        assert page["totalCount"] == 5
        seen += [edge["node"]["id"] for edge in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        assert after == page["edges"][-1]["cursor"]
    assert pages == 3
    assert seen == list(reversed(placed))


def test_orders_filter_by_status_channel_customer_sku_node_and_placing_time(
    network: Network, oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "INK", 10)
    network.stock("DC-TX", "PAD", 10)
    web = network.place({"INK": 1})
    mobile = network.place(
        {"PAD": 1},
        channel="MOBILE",
        to={
            "line1": "1 Main St",
            "city": "Dallas",
            "postal_code": "75201",
            "country": "US",
            "lat": 32.78,
            "lon": -96.80,
        },
    )
    network.deliver(web)
    runner.catch_up()

    def ids(filter: dict[str, object]) -> set[str]:
        edges = read.data(PAGE, {"filter": filter})["orders"]["edges"]
        return {edge["node"]["id"] for edge in edges}

    assert ids({"status": "DELIVERED"}) == {web["order_id"]}
    assert ids({"channel": "MOBILE"}) == {mobile["order_id"]}
    assert ids({"customerId": "C-1"}) == {web["order_id"], mobile["order_id"]}
    assert ids({"sku": "PAD"}) == {mobile["order_id"]}
    assert ids({"nodeCode": "DC-NJ"}) == {web["order_id"]}
    assert ids({"channel": "WEB", "sku": "PAD"}) == set()
    assert ids({"placedFrom": "2000-01-01T00:00:00Z", "placedTo": "2000-01-02T00:00:00Z"}) == set()
    assert len(ids({"placedFrom": "2000-01-01T00:00:00Z"})) == 2


def test_nested_lists_asked_for_through_fragments_are_loaded_too(
    network: Network, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "FIG", 5)
    placed = network.place({"FIG": 2})
    runner.catch_up()
    query = """
    fragment Carried on Shipment { lines { sku quantity } }
    fragment Parts on Order { lines { sku } shipments { nodeCode ...Carried } }
    query { orders(first: 1) { edges { node { id ...Parts ... on Order { timeline { type } } } } } }
    """
    [edge] = read.data(query)["orders"]["edges"]
    node = edge["node"]
    assert node["id"] == placed["order_id"]
    assert node["lines"] == [{"sku": "FIG"}]
    assert node["shipments"] == [{"nodeCode": "DC-NJ", "lines": [{"sku": "FIG", "quantity": 2}]}]
    assert node["timeline"][0] == {"type": "Placed"}
