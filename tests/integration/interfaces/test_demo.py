from application.oms import OMS
from domain.values import order_id
from interfaces.demo import load
from interfaces.demo_network import NODES
from interfaces.demo_orders import JOURNEYS, plans

GENERATED = 24


def test_the_demo_loads_orders_in_many_states_and_a_second_load_changes_nothing(
    oms: OMS,
) -> None:
    said: list[str] = []
    load(oms, say=said.append, orders=GENERATED)
    head = oms.head()
    load(oms, say=lambda _: None, orders=GENERATED)
    assert oms.head() == head
    assert said[-1] == f"{9 + GENERATED} orders"  # none stopped early
    statuses = {
        ref: oms.order(order_id(channel, ref)).status
        for ref, channel in [
            ("DEMO-1001", "WEB"),
            ("DEMO-1002", "MOBILE"),
            ("DEMO-1003", "WEB"),
            ("DEMO-1004", "CALL_CENTER"),
            ("DEMO-1005", "WEB"),
            ("DEMO-1006", "MARKETPLACE"),
            ("DEMO-1009", "WEB"),
        ]
    }
    assert statuses == {
        "DEMO-1001": "DELIVERED",
        "DEMO-1002": "READY_FOR_PICKUP",
        "DEMO-1003": "PARTIALLY_SHIPPED",
        "DEMO-1004": "BACKORDERED",
        "DEMO-1005": "CANCELLED",
        "DEMO-1006": "ON_HOLD",
        "DEMO-1009": "READY_FOR_PICKUP",
    }
    by_transfer = oms.order(order_id("WEB", "DEMO-1009"))
    [shipment] = by_transfer.shipments.values()
    assert (shipment.transfer_to, shipment.node_code) == ("STORE-NYC", "STORE-NYC")
    assert all(oms.node(code).active for code in NODES)
    generated = plans(GENERATED)
    assert {p.channel for p in generated} == {
        "WEB",
        "MOBILE",
        "CALL_CENTER",
        "STORE",
        "MARKETPLACE",
    }
    assert all(oms.order(order_id(p.channel, p.ref)) for p in generated)


def test_the_generated_orders_take_every_journey_from_every_channel() -> None:
    drawn = plans(400)
    assert {p.journey for p in drawn} == set(JOURNEYS)
    assert plans(400) == drawn  # the same draw on every run
