from collections.abc import Iterator

import pytest

from application.oms import OMS
from domain.values import order_id
from interfaces.demo import load
from interfaces.demo_data import NODES


@pytest.fixture
def oms(postgres_env: dict[str, str]) -> Iterator[OMS]:
    app = OMS(postgres_env)
    yield app
    app.close()


def test_the_demo_loads_orders_in_many_states_and_a_second_load_changes_nothing(
    oms: OMS,
) -> None:
    load(oms, say=lambda _: None)
    head = oms.head()
    load(oms, say=lambda _: None)
    assert oms.head() == head
    statuses = {
        ref: oms.order(order_id(channel, ref)).status
        for ref, channel in [
            ("DEMO-1001", "WEB"),
            ("DEMO-1002", "MOBILE"),
            ("DEMO-1003", "WEB"),
            ("DEMO-1004", "CALL_CENTER"),
            ("DEMO-1005", "WEB"),
            ("DEMO-1006", "MARKETPLACE"),
        ]
    }
    assert statuses == {
        "DEMO-1001": "DELIVERED",
        "DEMO-1002": "READY_FOR_PICKUP",
        "DEMO-1003": "PARTIALLY_SHIPPED",
        "DEMO-1004": "BACKORDERED",
        "DEMO-1005": "CANCELLED",
        "DEMO-1006": "ON_HOLD",
    }
    assert all(oms.node(code).active for code in NODES)
