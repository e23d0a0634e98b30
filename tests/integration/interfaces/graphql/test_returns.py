"""return, returns and Order.returns read the returns tables back."""

from __future__ import annotations

import uuid
from uuid import UUID

from application.commands import CreateReturn, InspectReturn, ReceiveReturn, Refund
from application.oms import OMS
from projections import ProjectionRunner
from tests.application.network import Network
from tests.integration.interfaces.graphql.conftest import ReadSide

RETURN = """
query($id: ID!) {
  return(id: $id) {
    id orderId status method receivedNode refundAmount label { carrier trackingNumber }
    authorizedAt receivedAt inspectedAt refundedAt
    lines { sku quantity reason disposition restockQuantity scrapQuantity }
    order { id status lines { sku returned } returns { id } }
  }
}
"""


def test_a_refunded_mail_return_reads_back_with_its_lines_and_order(
    network: Network, oms: OMS, runner: ProjectionRunner, read: ReadSide
) -> None:
    network.stock("DC-NJ", "SHOE", 5)
    placed = network.place({"SHOE": 2})
    network.deliver(placed)
    oid = UUID(placed["order_id"])
    rid = UUID(
        oms.create_return(
            CreateReturn(
                order_id=oid,
                lines=[{"sku": "SHOE", "quantity": 1, "reason": "too small"}],
                method="MAIL",
            )
        )["return_id"]
    )
    oms.receive_return(rid, ReceiveReturn(node_code="DC-NJ"))
    oms.inspect_return(
        rid, InspectReturn(lines=[{"sku": "SHOE", "quantity": 1, "disposition": "RESTOCK"}])
    )
    oms.refund_return(rid, Refund())
    runner.catch_up()

    found = read.data(RETURN, {"id": str(rid)})["return"]

    assert (found["id"], found["orderId"], found["status"], found["method"]) == (
        str(rid),
        str(oid),
        "REFUNDED",
        "MAIL",
    )
    assert (found["receivedNode"], found["refundAmount"]) == ("DC-NJ", "10.00")
    assert found["label"]["carrier"]
    assert None not in (found["receivedAt"], found["inspectedAt"], found["refundedAt"])
    assert found["lines"] == [
        {
            "sku": "SHOE",
            "quantity": 1,
            "reason": "too small",
            "disposition": "RESTOCK",
            "restockQuantity": 1,
            "scrapQuantity": 0,
        }
    ]
    assert found["order"]["id"] == str(oid)
    assert found["order"]["returns"] == [{"id": str(rid)}]
    by_order = read.data("query($o: ID) { returns(orderId: $o) { id status } }", {"o": str(oid)})
    assert by_order == {"returns": [{"id": str(rid), "status": "REFUNDED"}]}
    recent = read.data("{ returns(status: REFUNDED) { id } }")
    assert recent == {"returns": [{"id": str(rid)}]}
    assert read.data("{ returns(status: AUTHORIZED) { id } }") == {"returns": []}


def test_an_unknown_return_is_null(read: ReadSide, runner: ProjectionRunner) -> None:
    runner.catch_up()
    assert read.data(RETURN, {"id": str(uuid.uuid4())}) == {"return": None}
