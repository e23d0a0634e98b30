"""The credit rule counts the customer's other open orders not invoiced yet, and releases
the orders it held when that exposure falls (a cancellation, a smaller quantity)."""

from uuid import UUID

import pytest

from application.commands import CancelOrder, ChangeLine
from tests.application.network import Network
from tests.application.test_credit_holds import account, pay, ship_all
from tests.application.test_group_commit import queued_together


@pytest.fixture
def stocked(network: Network) -> Network:
    network.stock("DC-NJ", "TEE", 500)
    account(network, "1000.00")
    return network


def held_reason(network: Network, answer: dict) -> str:
    return network.oms.order(UUID(answer["order_id"])).holds["CREDIT"]


def test_orders_each_under_the_limit_are_held_once_together_they_exceed_it(
    stocked: Network,
) -> None:
    first = stocked.place({"TEE": 60})  # 600.00, nothing invoiced
    second = stocked.place({"TEE": 30})  # 600.00 + 300.00: within
    third = stocked.place({"TEE": 20})  # 900.00 + 200.00: over

    assert [a["status"] for a in (first, second, third)] == ["ALLOCATED", "ALLOCATED", "ON_HOLD"]
    assert held_reason(stocked, third) == (
        "balance 0.00 + other open orders 900.00 + order 200.00 = 1,100.00 exceeds limit 1,000.00"
    )


def test_an_invoiced_order_counts_once_in_the_balance_not_again_as_open(
    stocked: Network,
) -> None:
    ship_all(stocked, stocked.place({"TEE": 60}))  # invoiced: 600.00 balance, 0 open
    assert stocked.place({"TEE": 40})["status"] == "ALLOCATED"  # 600.00 + 400.00


def test_cancelling_another_open_order_releases_the_order_it_held(stocked: Network) -> None:
    first = stocked.place({"TEE": 60})
    held = stocked.place({"TEE": 50})
    assert held["status"] == "ON_HOLD"

    stocked.oms.cancel_order(UUID(first["order_id"]), CancelOrder(reason="customer asked"))

    released = stocked.oms.order(UUID(held["order_id"]))
    assert released.status == "ALLOCATED"
    assert released.auto_holds == {}


def test_lowering_another_orders_quantity_releases_the_order_it_held(stocked: Network) -> None:
    first = stocked.place({"TEE": 60})
    held = stocked.place({"TEE": 50})  # 600.00 + 500.00

    stocked.oms.change_line(UUID(first["order_id"]), "TEE", ChangeLine(quantity=40))

    assert stocked.oms.order(UUID(held["order_id"])).status == "ALLOCATED"  # 400 + 500


def test_a_payment_on_invoiced_orders_releases_an_order_held_by_open_exposure(
    stocked: Network,
) -> None:
    shipped = stocked.place({"TEE": 30})
    ship_all(stocked, shipped)  # 300.00 owed
    stocked.place({"TEE": 40})  # 300.00 + 400.00 open
    held = stocked.place({"TEE": 40})  # 300.00 + 400.00 + 400.00: over
    assert held["status"] == "ON_HOLD"

    pay(stocked, shipped, "300.00", "P-1")

    assert stocked.oms.order(UUID(held["order_id"])).status == "ALLOCATED"


def test_two_orders_in_one_writer_batch_see_each_other(stocked: Network) -> None:
    answers = queued_together(
        stocked.oms,
        lambda: stocked.place({"TEE": 60}, external_ref="A"),
        lambda: stocked.place({"TEE": 60}, external_ref="B"),
    )

    statuses = sorted(f.result()["status"] for f in answers)
    assert statuses == ["ALLOCATED", "ON_HOLD"]
