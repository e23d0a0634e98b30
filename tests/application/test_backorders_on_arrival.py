"""The arrival policy: backorders allocated when stock becomes available, oldest order first."""

from uuid import UUID

from application.actor import actor_of
from application.arrival_policy import TOPICS, ArrivalPolicy
from application.backorder_commands import ARRIVALS
from application.commands import (
    AdjustStock,
    CancelOrder,
    CreateReturn,
    InspectReturn,
    ReceiveReturn,
    ReceiveTransfer,
    RejectShipment,
    SetSafetyStock,
    Transfer,
)
from application.oms import OMS
from application.policy_cursor import PolicyCursor, cursor_id
from domain.order import Order
from tests.application.network import Network


def backordered(network: Network, count: int, sku: str = "SKU-X") -> list[UUID]:
    """`count` orders of one unit, waiting: the SKU is known (the store counted none)."""
    none = AdjustStock(sku=sku, counted_quantity=0, reason="count")
    network.oms.adjust_stock("STORE-NYC", none)
    orders = [network.place({sku: 1}) for _ in range(count)]
    assert all(o["status"] == "BACKORDERED" for o in orders)
    return [UUID(o["order_id"]) for o in orders]


def statuses(oms: OMS, orders: list[UUID]) -> list[str]:
    return [str(oms.order(oid).status) for oid in orders]


def test_a_receipt_allocates_the_oldest_backorders_it_covers_and_the_rest_wait(
    oms: OMS, network: Network
):
    orders = backordered(network, 3)
    network.stock("DC-TX", "SKU-X", 2)

    assert statuses(oms, orders) == ["BACKORDERED"] * 3
    ArrivalPolicy(oms).run_once()

    assert statuses(oms, orders) == ["ALLOCATED", "ALLOCATED", "BACKORDERED"]
    assert network.available("DC-TX", "SKU-X") == 0
    oms.follower.catch_up()
    assert oms.backorders.waiting("SKU-X") == orders[2:]


def test_the_allocation_says_why_and_names_the_policy_as_its_actor(oms: OMS, network: Network):
    [oid] = backordered(network, 1)
    network.stock("DC-TX", "SKU-X", 1)

    ArrivalPolicy(oms).run_once()

    [*_, allocated] = oms.events.get(oid)
    assert isinstance(allocated, Order.Allocated)
    assert allocated.reason == "stock arrived at DC-TX: 1 received"
    assert allocated.explanation["trigger"] == "RESTOCKED"
    assert allocated.explanation["chosen"] == ["DC-TX"]
    actor = actor_of(allocated)
    assert actor is not None
    assert (actor["role"], actor["key_name"]) == ("policy", ARRIVALS)


def test_a_backorder_read_before_the_receipt_already_stored_says_stock_was_available(
    oms: OMS, network: Network
):
    """The policy reads the backorder in one read and the receipt in a later one (here: one
    event per read); by the time it acts on the backorder the stock is there, so that
    allocation is what it names."""
    [oid] = backordered(network, 1)
    network.stock("DC-TX", "SKU-X", 1)

    ArrivalPolicy(oms, batch=1).run_once()

    [*_, allocated] = oms.events.get(oid)
    assert isinstance(allocated, Order.Allocated)
    assert allocated.reason == "stock available when it was backordered"
    assert statuses(oms, [oid]) == ["ALLOCATED"]


def test_acting_again_or_after_a_restart_allocates_nothing_more(oms: OMS, network: Network):
    orders = backordered(network, 2)
    network.stock("DC-TX", "SKU-X", 1)
    ArrivalPolicy(oms).run_once()
    head = oms.head()

    assert ArrivalPolicy(oms).run_once() == 0
    assert oms.head() == head
    assert statuses(oms, orders) == ["ALLOCATED", "BACKORDERED"]
    cursor = oms.find(cursor_id(ARRIVALS))
    assert isinstance(cursor, PolicyCursor)
    assert cursor.position > 0


def test_two_policies_reading_the_same_arrival_allocate_it_once(oms: OMS, network: Network):
    orders = backordered(network, 3)
    first, second = ArrivalPolicy(oms), ArrivalPolicy(oms)
    network.stock("DC-TX", "SKU-X", 2)

    first.run_once()
    second.run_once()

    assert statuses(oms, orders) == ["ALLOCATED", "ALLOCATED", "BACKORDERED"]
    assert oms.stock("DC-TX", "SKU-X").reserved == 2


def test_stock_released_by_a_cancellation_goes_to_the_oldest_waiting_order(
    oms: OMS, network: Network
):
    network.stock("DC-TX", "SKU-X", 1)
    holder = UUID(network.place({"SKU-X": 1})["order_id"])
    [waiting] = backordered(network, 1)
    policy = ArrivalPolicy(oms)
    policy.run_once()

    oms.cancel_order(holder, CancelOrder(reason="changed my mind"))
    policy.run_once()

    assert statuses(oms, [holder, waiting]) == ["CANCELLED", "ALLOCATED"]


def test_a_count_up_allocates_backorders(oms: OMS, network: Network):
    orders = backordered(network, 2)
    policy = ArrivalPolicy(oms)
    oms.adjust_stock("DC-NJ", AdjustStock(sku="SKU-X", delta=1, reason="found one"))
    policy.run_once()
    assert statuses(oms, orders) == ["ALLOCATED", "BACKORDERED"]

    network.stock("DC-TX", "SKU-X", 1)
    policy.run_once()
    assert statuses(oms, orders) == ["ALLOCATED", "ALLOCATED"]


def test_stock_a_rejecting_node_releases_goes_to_the_next_order_that_may_use_it(
    oms: OMS, network: Network
):
    network.stock("DC-NJ", "SKU-X", 1)
    first = network.place({"SKU-X": 1})
    [waiting] = backordered(network, 1)
    [shipment] = first["shipments"]
    policy = ArrivalPolicy(oms)

    oms.reject_shipment(
        UUID(first["order_id"]), UUID(shipment["shipment_id"]), RejectShipment(reason="damaged")
    )
    policy.run_once()

    # The first order is older but will not take stock from the node that rejected it.
    assert statuses(oms, [UUID(first["order_id"]), waiting]) == ["BACKORDERED", "ALLOCATED"]


def test_a_transfer_received_allocates_a_waiting_order(oms: OMS, network: Network):
    network.stock("DC-NJ", "SKU-X", 1)
    sent = oms.transfer_stock("DC-NJ", Transfer(to_node="DC-TX", sku="SKU-X", quantity=1))
    [waiting] = backordered(network, 1)
    policy = ArrivalPolicy(oms)
    policy.run_once()
    assert statuses(oms, [waiting]) == ["BACKORDERED"]

    oms.receive_transfer("DC-TX", UUID(sent["transfer_id"]), ReceiveTransfer(sku="SKU-X"))
    policy.run_once()

    assert statuses(oms, [waiting]) == ["ALLOCATED"]


def test_a_lowered_safety_stock_allocates_a_waiting_order(oms: OMS, network: Network):
    network.stock("DC-TX", "SKU-X", 2)
    oms.set_safety_stock("DC-TX", "SKU-X", SetSafetyStock(quantity=2))
    [waiting] = backordered(network, 1)
    policy = ArrivalPolicy(oms)
    policy.run_once()
    assert statuses(oms, [waiting]) == ["BACKORDERED"]

    oms.set_safety_stock("DC-TX", "SKU-X", SetSafetyStock(quantity=1))
    policy.run_once()

    assert statuses(oms, [waiting]) == ["ALLOCATED"]


def test_a_restocked_return_allocates_a_waiting_order(oms: OMS, network: Network):
    network.stock("DC-NJ", "SKU-X", 1)
    sold = network.place({"SKU-X": 1})
    network.deliver(sold)
    [waiting] = backordered(network, 1)
    policy = ArrivalPolicy(oms)
    policy.run_once()
    line = {"sku": "SKU-X", "quantity": 1, "reason": "too small"}
    rid = UUID(
        oms.create_return(
            CreateReturn(
                order_id=UUID(sold["order_id"]), lines=[line], method="STORE", node_code="STORE-NYC"
            )
        )["return_id"]
    )
    oms.receive_return(rid, ReceiveReturn(node_code="STORE-NYC"))

    oms.inspect_return(
        rid, InspectReturn(lines=[{"sku": "SKU-X", "quantity": 1, "disposition": "RESTOCK"}])
    )
    policy.run_once()

    assert statuses(oms, [waiting]) == ["ALLOCATED"]
    [shipment] = oms.order(waiting).shipments.values()
    assert shipment.node_code == "STORE-NYC"


def test_an_order_cancelled_while_waiting_is_no_longer_waiting(oms: OMS, network: Network):
    first, second = backordered(network, 2)

    oms.cancel_order(first, CancelOrder(reason="no longer needed"))
    network.stock("DC-TX", "SKU-X", 1)
    ArrivalPolicy(oms).run_once()

    oms.follower.catch_up()
    assert statuses(oms, [first, second]) == ["CANCELLED", "ALLOCATED"]
    assert oms.backorders.waiting("SKU-X") == []


def test_a_restarted_policy_resumes_where_it_read_up_to_even_when_nothing_was_to_do(
    oms: OMS, network: Network, monkeypatch
):
    for n in range(3):
        network.stock("DC-TX", f"SKU-{n}", 1)  # arrivals nobody waits for
    last_arrival = oms.head()
    assert ArrivalPolicy(oms, save_after=1).run_once() == 0
    read_up_to = oms.head()
    cursor = oms.find(cursor_id(ARRIVALS))
    assert isinstance(cursor, PolicyCursor)
    assert cursor.position == last_arrival

    starts: list[int] = []
    select = oms.recorder.select_notifications

    def spy(*args, **kwargs):
        if kwargs.get("topics") == TOPICS:  # the policy's reads (not the indexes')
            starts.append(kwargs["start"])
        return select(*args, **kwargs)

    monkeypatch.setattr(oms.recorder, "select_notifications", spy)
    ArrivalPolicy(oms, save_after=1).run_once()

    assert starts == [cursor.position]
    assert oms.head() == read_up_to  # nothing new read: nothing stored again


def test_the_policy_stores_how_far_it_read_only_once_it_read_save_after_arrivals(
    oms: OMS, network: Network
):
    network.stock("DC-TX", "SKU-0", 1)
    network.stock("DC-TX", "SKU-1", 1)
    head = oms.head()

    ArrivalPolicy(oms, save_after=3).run_once()

    assert oms.head() == head
    assert oms.find(cursor_id(ARRIVALS)) is None
