"""Two OMS processes on one database: cached aggregates never hide the other's writes."""

from collections.abc import Iterator

import pytest

from application.commands import SetNodeStatus
from application.oms import OMS
from tests.application.network import Network


@pytest.fixture
def pair(postgres_env: dict[str, str]) -> Iterator[tuple[Network, OMS]]:
    first = OMS(postgres_env)
    second = OMS(postgres_env)
    yield Network(first), second
    first.close()
    second.close()


def test_stock_received_by_another_process_is_seen_by_the_next_order(
    pair: tuple[Network, OMS],
) -> None:
    network, other = pair
    network.stock("DC-NJ", "TEE", 1)
    network.place({"TEE": 1})
    other_network = Network(other, register=False)
    other_network.stock("DC-NJ", "TEE", 5)
    answer = network.place({"TEE": 3})
    assert answer["status"] == "ALLOCATED"
    assert network.oms.stock("DC-NJ", "TEE").available == 2


def test_a_reservation_made_elsewhere_turns_a_stale_plan_into_a_retry_not_an_oversell(
    pair: tuple[Network, OMS],
) -> None:
    network, other = pair
    network.stock("DC-NJ", "LAST", 1)
    network.oms.stock("DC-NJ", "LAST")  # cached in the first process
    other_network = Network(other, register=False)
    assert other_network.place({"LAST": 1})["status"] == "ALLOCATED"
    assert network.place({"LAST": 1})["status"] == "BACKORDERED"
    assert other.stock("DC-NJ", "LAST").reserved == 1


def test_a_node_deactivated_elsewhere_is_no_longer_sourced_from(
    pair: tuple[Network, OMS],
) -> None:
    network, other = pair
    network.stock("DC-NJ", "TEE", 5)
    network.stock("DC-TX", "TEE", 5)
    assert network.place({"TEE": 1})["shipments"][0]["node_code"] == "DC-NJ"
    other.set_node_status("DC-NJ", SetNodeStatus(active=False))
    assert network.place({"TEE": 1})["shipments"][0]["node_code"] == "DC-TX"
