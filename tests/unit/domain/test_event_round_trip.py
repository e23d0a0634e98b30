"""Every event of every aggregate survives the eventsourcing mapper (transcoding and topics).

An in-memory (POPO) store is used: no database, but the same mapper and transcoder as in
production, so an unregistered type in an event fails here.
"""

from datetime import date
from decimal import Decimal
from uuid import uuid4

import pytest

from application.sealing import SealingApplication
from domain.holds import Verdict
from domain.node_stock import NodeStock
from domain.order_preorders import Preorders
from domain.order_values import Address
from domain.return_ import Return
from domain.return_values import ExchangeLine, InspectedLine, ReturnLine
from domain.scans import ScanCode
from domain.values import Disposition, HoldType, ReturnMethod, ShipmentStatus
from tests.unit.domain.builders import (
    a_node,
    a_placed_order,
    a_plan,
    a_stock,
    at,
    nested_events,
    only_shipment,
    walk,
)


@pytest.fixture
def app():
    application = SealingApplication(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    yield application
    application.close()


def state(aggregate):
    return {k: v for k, v in vars(aggregate).items() if k != "_pending_events"}


def saved_and_reloaded(app, *aggregates):
    kinds = {type(e) for a in aggregates for e in a._pending_events}
    app.save(*aggregates)
    for aggregate in aggregates:
        assert state(app.repository.get(aggregate.id)) == state(aggregate)
    return kinds


def concrete_events(aggregate):
    return {e for e in nested_events(aggregate) if e.__name__ not in ("Event", "Created")}


def test_every_order_event_round_trips(app):
    order = a_placed_order(
        ("SKU-1", 3, "10.00"),
        ("SKU-2", 1, "4.99"),
        external_ref="A-1",
        requested_date=date(2025, 2, 1),
        payment={"method": "CARD", "authorized_amount": Decimal("10.00")},
    )
    order.allocate(a_plan({"DC1": {"SKU-1": 2}, "DC2": {"SKU-2": 1}}, {"SKU-1": 1}), "placed")
    order.place_hold(HoldType.ADDRESS, "check")
    order.release_hold(HoldType.ADDRESS)
    order.judge({HoldType.CREDIT: Verdict(HoldType.CREDIT, True, "credit.limit", "over")}, 1)
    order.judge({HoldType.CREDIT: Verdict(HoldType.CREDIT, False, "credit", "within")}, 1)
    order.change_address(Address("Coolsingel 40", "Rotterdam", "3011 AD", "NL", lat=51.9, lon=4.5))
    order.allocate(a_plan({"DC1": {"SKU-1": 2}, "DC2": {"SKU-2": 1}}, {"SKU-1": 1}), "moved")
    order.add_line("SKU-3", 1, Decimal("2.50"))
    order.change_quantity("SKU-3", 2)
    preorders = Preorders({"DC3": {"SKU-3": 2}}, {"DC3": "2026-12-07"})
    [preordered] = order.allocate(a_plan({}, {"SKU-1": 1}), "preordered", preorders)
    order.preorder_arrived(preordered.id, "SKU-3")
    order.cancel("customer", {"SKU-3": 2, "SKU-1": 1})
    shipped = walk(order, live_at(order, "DC1"), "pick", "pack", "ship")
    order.record_scan(shipped.id, ScanCode.IN_TRANSIT, at(9, day=2), "Utrecht hub")
    order.record_scan(shipped.id, ScanCode.DELIVERED, at(15, day=2), None)
    order.step(live_at(order, "DC2").id, "reject", reason="damaged")
    order.record_payment(Decimal("5.00"), "CARD", "PAY-1")
    order.write_off(next(iter(order.invoices)), "disputed")
    kept, withdrawn = uuid4(), uuid4()
    order.record_return(withdrawn, {"SKU-1": 1})
    order.withdraw_return(withdrawn)
    order.record_return(kept, {"SKU-1": 2})
    order.issue_credit_memo(kept, Decimal("20.00"))
    order.cancel("no stock", {"SKU-2": 1})
    order.close()

    assert saved_and_reloaded(app, order) == concrete_events(type(order))


def live_at(order, node_code):
    return next(
        s
        for s in order.shipments.values()
        if s.node_code == node_code and s.status is not ShipmentStatus.CANCELLED
    )


def test_a_pickup_order_round_trips(app):
    order = a_placed_order(pickup_node="ST1")
    order.allocate(a_plan({"ST1": {"SKU-1": 2}}), "placed")
    walk(order, only_shipment(order), "pick", "ready-for-pickup", "collect")

    saved_and_reloaded(app, order)


def test_every_inventory_node_event_round_trips(app):
    node = a_node("DC1", daily_capacity=500, ship_cost=Decimal("4.95"))
    kept, cancelled = uuid4(), uuid4()
    node.schedule_downtime(kept, at(8), at(12), "stocktake")
    node.schedule_downtime(cancelled, at(14), at(15), "drill")
    node.cancel_downtime(cancelled)
    node.deactivate()
    node.activate()

    assert saved_and_reloaded(app, node) == concrete_events(type(node))
    assert app.repository.get(node.id).is_down(at(9))


def test_every_node_stock_event_round_trips(app):
    source, target = a_stock("DC1", on_hand=10, safety_stock=1), NodeStock.open("ST1", "SKU-1")
    source.adjust("cycle count", counted=9)
    source.reserve("order-1", 4)
    source.release("order-1", 1)
    source.ship("order-1", 2)
    source.restock("RMA-1", 1)
    transfer = uuid4()
    source.transfer_out(transfer, "ST1", 2)
    target.expect_transfer(transfer, "DC1", 2)
    target.receive_transfer(transfer)
    target.expect_transfer(uuid4(), "DC1", 1)
    target.expect(uuid4(), 5, at(9), "PO-1")
    target.preorder("ship-1", 2)
    target.preorder("ship-2", 1)
    target.receive(3, "PO-1")
    target.fill_preorder("ship-1", 2)
    target.release_preorder("ship-2", 1)

    kinds = saved_and_reloaded(app, source, target)

    assert kinds == concrete_events(NodeStock) | {NodeStock.Created}


def test_every_return_event_round_trips(app):
    lines = [ReturnLine("SKU-1", 2, "too small")]
    inspection = [InspectedLine("SKU-1", 2, Disposition.RESTOCK)]
    refunded = Return.authorize(uuid4(), uuid4(), lines, ReturnMethod.MAIL)
    exchanged = Return.authorize(uuid4(), uuid4(), lines, ReturnMethod.STORE, "ST1")
    cancelled = Return.authorize(uuid4(), uuid4(), lines, ReturnMethod.MAIL)
    for ret in (refunded, exchanged):
        ret.receive(a_node("ST1"))
        ret.inspect(inspection)
    refunded.refund(Decimal("19.98"))
    refunded.close()
    exchanged.exchange(uuid4(), [ExchangeLine("SKU-1B", 2)])
    cancelled.cancel("changed my mind")

    kinds = saved_and_reloaded(app, refunded, exchanged, cancelled)

    assert kinds == concrete_events(Return)
