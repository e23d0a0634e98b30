"""orderUpdates: the order now, then after every change, in order."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import Any
from uuid import UUID

import pytest

from application.commands import ShipShipment
from application.oms import OMS
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import open_read_pool
from interfaces.graphql.order_loading import load_orders
from interfaces.graphql.read_signal import ReadModelSignal
from interfaces.graphql.schema import schema_for
from projections import ProjectionRunner
from tests.application.network import Network

SUBSCRIPTION = """
subscription($id: ID!) { orderUpdates(id: $id) { status version shipments { status } } }
"""
Steps = Sequence[str]  # shipment steps applied before the projections catch up once
Watch = Callable[..., list[tuple[str, str]]]


@pytest.fixture(params=[True, False], ids=["fast-path", "plain-path"])
def watch(
    request: pytest.FixtureRequest,
    database_url: str,
    network: Network,
    oms: OMS,
    runner: ProjectionRunner,
) -> Watch:
    """Subscribe to a fresh one-shipment order, apply each group of steps, read updates;
    with the GraphQL fast path and without it (OMS_GRAPHQL_FAST_PATH)."""
    schema = schema_for(fast_path=request.param)

    def run(groups: Sequence[Steps], updates: int, listen: bool = False) -> list[tuple[str, str]]:
        network.stock("DC-NJ", "KITE", 2)
        placed = network.place({"KITE": 1})
        oid, sid = UUID(placed["order_id"]), UUID(placed["shipments"][0]["shipment_id"])
        runner.catch_up()

        def apply(steps: Steps) -> None:
            for name in steps:
                cmd = ShipShipment(carrier="UPS") if name == "ship" else None
                oms.step_shipment(oid, sid, name, cmd)
            runner.catch_up()

        async def subscribe() -> list[tuple[str, str]]:
            pool = await open_read_pool(database_url, max_size=2)
            signal = ReadModelSignal(database_url) if listen else None
            if signal is not None:
                await signal.start()
            seen: list[tuple[str, str]] = []
            try:
                context = GraphQLContext(pool, load_orders=load_orders, cache=False, signal=signal)
                stream: Any = await schema.subscribe(
                    SUBSCRIPTION, {"id": str(oid)}, context_value=context
                )
                pending = list(groups)
                while len(seen) < updates:
                    result = await asyncio.wait_for(anext(stream), timeout=5)
                    assert result.errors is None, result.errors
                    update = result.data["orderUpdates"]
                    seen.append((update["status"], update["shipments"][0]["status"]))
                    if pending and len(seen) == 1 + len(groups) - len(pending):
                        await asyncio.to_thread(apply, pending.pop(0))
                await stream.aclose()
            finally:
                if signal is not None:
                    await signal.stop()
                await pool.close()
            return seen

        return asyncio.run(subscribe())

    return run


def test_a_subscriber_sees_each_status_change_of_the_order_in_order(
    watch: Watch,
) -> None:
    groups = [["pick"], ["pack"], ["ship"], ["deliver"]]
    assert watch(groups, 5) == [
        ("ALLOCATED", "ALLOCATED"),
        ("ALLOCATED", "PICKED"),
        ("ALLOCATED", "PACKED"),
        ("SHIPPED", "SHIPPED"),
        ("DELIVERED", "DELIVERED"),
    ]


@pytest.mark.parametrize("listen", [False, True], ids=["polling", "notified"])
def test_statuses_passed_through_in_one_projection_batch_each_come_as_an_update(
    watch: Watch, listen: bool
) -> None:
    # Picked, packed, shipped and delivered before the projections run once: the order
    # went ALLOCATED -> SHIPPED -> DELIVERED, and SHIPPED must not be lost.
    updates = watch([["pick", "pack", "ship", "deliver"]], 3, listen)
    assert [status for status, _shipment in updates] == ["ALLOCATED", "SHIPPED", "DELIVERED"]
    # The in-between update carries the status as of then; the rest is the order now.
    assert updates[2] == ("DELIVERED", "DELIVERED")
