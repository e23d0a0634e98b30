"""Auditors' reads of the event store: history with actors, an order and stock as of then.

An order is taken through hold, release, partial cancel, node rejection and re-sourcing,
shipment, delivery, return and refund. After each step the test notes the time and what
the REST answer and the live reads (`order`, `stock`) showed; afterwards `orderAsOf` and
`stockAsOf` at each of those times must show exactly the same.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from gql import Client, GraphQLRequest
from gql.transport.exceptions import TransportQueryError
from gql.transport.httpx import HTTPXTransport

from tests.e2e.conftest import e2e_settings, serve
from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import ROTTERDAM, UTRECHT, ok, order_body, receive, register, unique

BOTH_GRAPHQL_PATHS = True  # with OMS_GRAPHQL_FAST_PATH on and off

__all__ = ["live"]

ORDER_FIELDS = """
  id externalRef channel status total authorizedAmount invoicedAmount paidAmount refundedAmount
  requestedDate placedAt updatedAt version
  customer { id name email } delivery { method pickupNode address { city } }
  holds { type reason }
  lines { sku quantity unitPrice allocated shipped delivered cancelled returned backordered amount }
  shipments { id seq nodeCode status carrier trackingNumber rejectReason allocatedAt shippedAt
              deliveredAt rejectedAt cancelledAt updatedAt lines { sku quantity } }
  timeline { at type detail version position status }
  sourcing { at rulesVersion trigger rule reason chosen
             candidates { nodeCode score distanceKm excludedBy available { sku quantity } } }
  returns { id status method refundAmount receivedNode authorizedAt updatedAt
            lines { sku quantity disposition restockQuantity } order { id status } }
"""
STOCK_FIELDS = """
  sku onHand reserved safetyStock available inTransit nodeCount updatedAt
  byNode { nodeCode nodeType onHand reserved safetyStock available inTransit updatedAt }
  byChannel { channel available nodeCount }
"""
NOW = (
    "query($id: ID!, $sku: String!) "
    f"{{ order(id: $id) {{{ORDER_FIELDS}}} stock(sku: $sku) {{{STOCK_FIELDS}}} }}"
)
STOCK = f"query($sku: String!) {{ stock(sku: $sku) {{{STOCK_FIELDS}}} }}"
AS_OF = (
    "query($id: ID!, $sku: String!, $at: DateTime!) "
    f"{{ orderAsOf(id: $id, at: $at) {{{ORDER_FIELDS}}} "
    f"stockAsOf(sku: $sku, at: $at) {{{STOCK_FIELDS}}} }}"
)
HISTORY = """
query($id: ID!) {
  orderHistory(id: $id) {
    position aggregateId aggregateType version type at command data
    actor { role keyName requestId }
  }
}
"""


@dataclass
class Step:
    name: str
    request_id: str
    answer: dict[str, Any]
    at: datetime
    order: dict[str, Any]
    stock: dict[str, Any]


class Journey:
    """Sends each step with its own request id and notes what the service showed after it."""

    def __init__(self, live: Live, sku: str) -> None:
        self.live, self.sku, self.order_id = live, sku, ""
        self.steps: list[Step] = []

    def do(self, name: str, path: str, body: dict[str, Any], status: int = 200) -> dict[str, Any]:
        request_id = f"{name}-{uuid.uuid4().hex[:8]}"
        response = self.live.rest.post(path, json=body, headers={"X-Request-ID": request_id})
        answer = ok(response, status)
        self.order_id = self.order_id or answer["order_id"]
        seen = self.live.read(NOW, {"id": self.order_id, "sku": self.sku}, after=answer["position"])
        time.sleep(0.002)
        at = datetime.now(UTC)
        time.sleep(0.002)
        self.steps.append(Step(name, request_id, answer, at, seen["order"], seen["stock"]))
        return answer

    def order_path(self, tail: str) -> str:
        return f"/orders/{self.order_id}/{tail}"


@pytest.fixture(scope="module")
def journey(live: Live) -> Journey:
    rest = live.rest
    near, far, sku, other = unique("DC"), unique("DC"), unique("SKU"), unique("SKU")
    register(rest, near, at=UTRECHT)
    register(rest, far, at=ROTTERDAM)
    for code in (near, far):
        receive(rest, code, other, 5)
        last = receive(rest, code, sku, 5)["position"]
    trip = Journey(live, sku)
    stock = live.read(STOCK, {"sku": sku}, after=last)["stock"]
    trip.steps.append(Step("before", "", {}, datetime.now(UTC), {}, stock))
    time.sleep(0.002)
    placed = trip.do("place", "/orders", order_body({sku: 3, other: 1}, to=UTRECHT), 201)
    assert [s["node_code"] for s in placed["shipments"]] == [near]
    trip.do("hold", trip.order_path("holds"), {"type": "FRAUD", "reason": "check the card"})
    trip.do("release", trip.order_path("holds/FRAUD/release"), {})
    # From here on the marketplace sees less of each node's stock (byChannel changes).
    rules = {"channels": {"MARKETPLACE": {"node_types": ["DC"], "buffer": 1}}}
    assert rest.put("/sourcing/rules", json=rules).status_code == 200
    trip.do(
        "cancel",
        trip.order_path("cancel"),
        {"reason": "changed mind", "lines": [{"sku": sku, "quantity": 1}]},
    )
    [shipment] = trip.steps[-1].answer["shipments"]
    rejected = trip.do(
        "reject", trip.order_path(f"shipments/{shipment['shipment_id']}/reject"), {"reason": "bin"}
    )
    [moved] = [s for s in rejected["shipments"] if s["node_code"] == far]
    for name, body in (("pick", {}), ("pack", {}), ("ship", {"carrier": "DHL"}), ("deliver", {})):
        trip.do(name, trip.order_path(f"shipments/{moved['shipment_id']}/{name}"), body)
    ret = trip.do(
        "return",
        "/returns",
        {
            "order_id": trip.order_id,
            "lines": [{"sku": sku, "quantity": 1, "reason": "too big"}],
            "method": "MAIL",
        },
        201,
    )
    rid = ret["return_id"]
    trip.do("receive", f"/returns/{rid}/receive", {"node_code": far})
    trip.do(
        "inspect",
        f"/returns/{rid}/inspect",
        {"lines": [{"sku": sku, "quantity": 1, "disposition": "RESTOCK"}]},
    )
    trip.do("refund", f"/returns/{rid}/refund", {})
    return trip


def test_the_history_lists_every_step_with_its_actor_and_request_id(journey: Journey) -> None:
    history = journey.live.read(HISTORY, {"id": journey.order_id})["orderHistory"]

    positions = [e["position"] for e in history]
    assert positions == sorted(positions)
    by_request = {e["actor"]["requestId"] for e in history}
    for step in journey.steps[1:]:
        assert step.request_id in by_request, step.name
    assert {(e["actor"]["role"], e["actor"]["keyName"]) for e in history} == {("dev", "dev")}
    types = [(e["aggregateType"], e["type"]) for e in history]
    for expected in (
        ("Order", "Placed"),
        ("Order", "HoldPlaced"),
        ("Order", "HoldReleased"),
        ("Order", "Cancelled"),
        ("Order", "ReturnRecorded"),
        ("Return", "Authorized"),
        ("Return", "Refunded"),
    ):
        assert expected in types, expected
    allocations = [e for e in history if e["type"] == "Allocated"]
    assert [a["command"] for a in allocations] == ["place_order", "reject_shipment"]
    assert history[0]["data"]["lines"][0]["quantity"] == 3
    assert history[0]["version"] == 1
    assert history[0]["aggregateId"] == journey.order_id


def test_the_order_as_of_each_step_is_what_the_service_showed_then(journey: Journey) -> None:
    for step in journey.steps:
        variables = {"id": journey.order_id, "sku": journey.sku, "at": step.at.isoformat()}
        then = journey.live.read(AS_OF, variables)

        if step.name == "before":
            assert then["orderAsOf"] is None
            continue
        assert then["orderAsOf"] == step.order, step.name
        if "return_id" not in step.answer:  # an order command's answer
            assert then["orderAsOf"]["status"] == step.answer["status"], step.name


def test_the_stock_as_of_each_step_is_what_stock_showed_then(journey: Journey) -> None:
    for step in journey.steps:
        variables = {"id": journey.order_id, "sku": journey.sku, "at": step.at.isoformat()}

        then = journey.live.read(AS_OF, variables)["stockAsOf"]

        assert then == step.stock, step.name


def test_the_stock_as_of_an_instant_before_any_stock_is_null(journey: Journey) -> None:
    variables = {"id": journey.order_id, "sku": journey.sku, "at": "2001-01-01T00:00:00Z"}
    assert journey.live.read(AS_OF, variables)["stockAsOf"] is None


def test_an_unknown_order_has_no_history_and_a_bad_id_is_bad_input(live: Live) -> None:
    assert live.read(HISTORY, {"id": str(uuid.uuid4())})["orderHistory"] == []
    with pytest.raises(TransportQueryError) as raised:
        live.read(HISTORY, {"id": "not-a-uuid"})
    assert raised.value.errors is not None
    assert raised.value.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


KEYS = "admin-key-0123456789:admin,agent-key-0123456789:agent,audit-key-0123456789:auditor:eve"


@pytest.fixture(scope="module")
def secured_url(module_database_url: str) -> Iterator[str]:
    with serve(e2e_settings(module_database_url, api_keys=KEYS)) as server:
        yield server.url


@pytest.mark.parametrize(
    ("key", "allowed"),
    [
        ("audit-key-0123456789", True),
        ("admin-key-0123456789", True),
        ("agent-key-0123456789", False),
    ],
)
def test_only_auditors_and_admins_read_the_audit_log(
    secured_url: str, key: str, allowed: bool
) -> None:
    transport = HTTPXTransport(url=f"{secured_url}/graphql", headers={"X-API-Key": key}, timeout=20)
    request = GraphQLRequest(HISTORY, variable_values={"id": str(uuid.uuid4())})
    with Client(transport=transport) as session:
        if allowed:
            assert session.execute(request) == {"orderHistory": []}
            return
        with pytest.raises(TransportQueryError) as raised:
            session.execute(request)
    assert raised.value.errors is not None
    assert raised.value.errors[0]["extensions"]["code"] == "FORBIDDEN"


def test_an_agents_ordinary_reads_still_work(secured_url: str) -> None:
    response = httpx.post(
        f"{secured_url}/graphql",
        json={"query": "{ nodes { code } }"},
        headers={"X-API-Key": "agent-key-0123456789"},
        timeout=20,
    )
    assert response.status_code == 200
    assert "errors" not in response.json()
