"""A decision without reserving (`OMS.decide`, behind promises and the sourcing bench) reads
its candidates from the writer's cached aggregates: its work is bounded by the nodes
holding the wanted SKUs, and a warm decision reads nothing from the store."""

from collections.abc import Callable
from typing import Any

import pytest

from application.commands import ReceiveStock, RegisterNode
from application.oms import OMS
from domain.sourcing import Request
from domain.values import DeliveryMethod, GeoPoint

NODES = 12
DESTINATION = GeoPoint(40.7, -74.0)


@pytest.fixture
def stocked(oms: OMS) -> OMS:
    """Twelve nodes; SKU-A at every one, SKU-B at every third, SKU-C at none."""
    for n in range(NODES):
        code = f"N-{n:02d}"
        oms.register_node(
            RegisterNode(
                code=code, name=code, type="DC", lat=30 + n, lon=-90, capabilities=["SHIP"]
            )
        )
        oms.receive_stock(code, ReceiveStock(sku="SKU-A", quantity=5))
        if n % 3 == 0:
            oms.receive_stock(code, ReceiveStock(sku="SKU-B", quantity=2))
    return oms


@pytest.fixture
def store_reads(stocked: OMS, monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The ids of the aggregates read from the store from now on."""
    reads: list[Any] = []
    get: Callable[..., Any] = stocked.repository.get

    def counted(aggregate_id: Any, *args: Any, **kwargs: Any) -> Any:
        reads.append(aggregate_id)
        return get(aggregate_id, *args, **kwargs)

    monkeypatch.setattr(stocked.repository, "get", counted)
    return reads


def test_a_warm_decision_reads_no_aggregate_from_the_store(
    stocked: OMS, store_reads: list[Any]
) -> None:
    request = Request({"SKU-A": 1, "SKU-B": 1}, DeliveryMethod.SHIP, DESTINATION)
    stocked.decide(request)  # the first decision may load what the writer lacks
    store_reads.clear()
    for _ in range(3):
        decision = stocked.decide(request)
    assert store_reads == []
    assert decision.plan.chosen


def test_a_decision_weighs_only_the_nodes_holding_a_wanted_sku(stocked: OMS) -> None:
    one_line = stocked.decide(Request({"SKU-B": 1}, DeliveryMethod.SHIP, DESTINATION))
    weighed = one_line.plan.explanation["candidates"]["node"]
    assert weighed == [f"N-{n:02d}" for n in range(0, NODES, 3)]
    assert [c.node_code for c in one_line.chosen] == one_line.plan.chosen
    nowhere = stocked.decide(Request({"SKU-C": 1}, DeliveryMethod.SHIP, DESTINATION))
    assert nowhere.plan.explanation["candidates"]["node"] == []
    assert nowhere.chosen == []
    assert nowhere.plan.backorders == {"SKU-C": 1}


def test_a_decision_reserves_nothing(stocked: OMS) -> None:
    request = Request({"SKU-A": 5}, DeliveryMethod.SHIP, DESTINATION)
    first = stocked.decide(request)
    again = stocked.decide(request)
    assert first.plan.shipments == again.plan.shipments
    [(node, lines)] = first.plan.shipments.items()
    assert lines == {"SKU-A": 5}
    assert stocked.stock(node, "SKU-A").available == 5
