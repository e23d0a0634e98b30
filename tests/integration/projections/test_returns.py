"""The returns read model: one test per Return event."""

from __future__ import annotations

from decimal import Decimal
from uuid import uuid4

from domain.inventory_node import InventoryNode
from domain.return_ import Return
from domain.return_values import ExchangeLine, InspectedLine, ReturnLine
from domain.values import Capability, Disposition, GeoPoint, NodeType, ReturnMethod
from projections import ProjectionRunner
from tests.integration.projections.conftest import EventStore, Tables

ORDER = uuid4()
LINES = [ReturnLine("TEE", 2, "too small"), ReturnLine("CAP", 1, "changed mind")]
STORE = InventoryNode.register(
    "STORE-1",
    "Store 1",
    NodeType.STORE,
    GeoPoint(52.0, 5.0),
    frozenset({Capability.RETURNS, Capability.PICKUP}),
)


def a_return(method: ReturnMethod = ReturnMethod.MAIL) -> Return:
    node = "STORE-1" if method is ReturnMethod.STORE else None
    return Return.authorize(uuid4(), ORDER, LINES, method, node)


def received(ret: Return) -> Return:
    ret.receive(STORE)
    return ret


def inspected(ret: Return) -> Return:
    received(ret).inspect(
        [
            InspectedLine("TEE", 1, Disposition.RESTOCK),
            InspectedLine("TEE", 1, Disposition.SCRAP),
            InspectedLine("CAP", 1, Disposition.REFURBISH),
        ]
    )
    return ret


def project(store: EventStore, runner: ProjectionRunner, ret: Return) -> list:
    events = store.record(ret)
    runner.catch_up()
    return events


def test_an_authorized_return_lists_its_lines_and_mail_label(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    ret = a_return()
    project(store, runner, ret)
    row = tables.one("returns.returns")
    assert (row["order_id"], row["status"], row["method"]) == (ORDER, "AUTHORIZED", "MAIL")
    assert (row["label_carrier"], row["label_tracking_number"]) == (
        "UPS",
        f"RMA{ret.id.hex[:12].upper()}",
    )
    assert row["authorized_at"] == row["updated_at"] == ret.created_on
    lines = tables.rows("returns.return_lines")
    assert [
        (r["sku"], r["line_no"], r["quantity"], r["reason"], r["disposition"]) for r in lines
    ] == [("CAP", 2, 1, "changed mind", None), ("TEE", 1, 2, "too small", None)]


def test_a_received_return_records_where_it_arrived(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    ret = received(a_return(ReturnMethod.STORE))
    project(store, runner, ret)
    row = tables.one("returns.returns")
    assert (row["status"], row["node_code"], row["received_node"]) == (
        "RECEIVED",
        "STORE-1",
        "STORE-1",
    )
    assert row["received_at"] == ret.modified_on


def test_an_inspected_return_gives_each_line_its_dispositions(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    ret = a_return()
    project(store, runner, ret)
    project(store, runner, inspected(ret))
    assert tables.one("returns.returns")["status"] == "INSPECTED"
    lines = {r["sku"]: r for r in tables.rows("returns.return_lines")}
    assert (lines["CAP"]["disposition"], lines["CAP"]["refurbish_quantity"]) == ("REFURBISH", 1)
    tee = lines["TEE"]
    assert (tee["disposition"], tee["restock_quantity"], tee["scrap_quantity"]) == ("MIXED", 1, 1)


def test_a_refunded_return_carries_the_refund(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    ret = inspected(a_return())
    ret.refund(Decimal("25.00"))
    project(store, runner, ret)
    row = tables.one("returns.returns")
    assert (row["status"], row["refund_amount"], row["refunded_at"]) == (
        "REFUNDED",
        Decimal("25.00"),
        ret.modified_on,
    )


def test_an_exchanged_return_points_at_the_exchange_order(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    ret, exchange = inspected(a_return()), uuid4()
    ret.exchange(exchange, [ExchangeLine("TEE", 2)])
    project(store, runner, ret)
    row = tables.one("returns.returns")
    assert (row["status"], row["exchange_order_id"], row["exchanged_at"]) == (
        "EXCHANGED",
        exchange,
        ret.modified_on,
    )


def test_a_closed_return_is_closed(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    ret = inspected(a_return())
    ret.refund(Decimal("25.00"))
    project(store, runner, ret)
    ret.close()
    project(store, runner, ret)
    row = tables.one("returns.returns")
    assert (row["status"], row["closed_at"], row["refund_amount"]) == (
        "CLOSED",
        ret.modified_on,
        Decimal("25.00"),
    )


def test_a_cancelled_return_keeps_its_reason(
    store: EventStore, runner: ProjectionRunner, tables: Tables
) -> None:
    ret = a_return()
    ret.cancel("customer kept it")
    project(store, runner, ret)
    row = tables.one("returns.returns")
    assert (row["status"], row["cancel_reason"], row["version"]) == (
        "CANCELLED",
        "customer kept it",
        2,
    )
