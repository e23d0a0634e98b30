"""orderUpdates: the order now, then after every change, in order."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

from application.commands import ShipShipment
from application.oms import OMS
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import open_read_pool
from interfaces.graphql.schema import schema
from projections import ProjectionRunner
from tests.application.network import Network

SUBSCRIPTION = """
subscription($id: ID!) { orderUpdates(id: $id) { status version shipments { status } } }
"""


def test_a_subscriber_sees_each_status_change_of_the_order_in_order(
    database_url: str, network: Network, oms: OMS, runner: ProjectionRunner
) -> None:
    network.stock("DC-NJ", "KITE", 2)
    placed = network.place({"KITE": 1})
    oid, sid = UUID(placed["order_id"]), UUID(placed["shipments"][0]["shipment_id"])
    runner.catch_up()

    def step(name: str) -> None:
        cmd = ShipShipment(carrier="UPS") if name == "ship" else None
        oms.step_shipment(oid, sid, name, cmd)
        runner.catch_up()

    async def watch() -> list[tuple[str, str]]:
        pool = await open_read_pool(database_url, max_size=2)
        seen: list[tuple[str, str]] = []
        try:
            context = GraphQLContext(pool, cache=False)
            stream: Any = await schema.subscribe(
                SUBSCRIPTION, {"id": str(oid)}, context_value=context
            )
            for name in (None, "pick", "pack", "ship", "deliver"):
                if name:
                    await asyncio.to_thread(step, name)
                result = await asyncio.wait_for(anext(stream), timeout=5)
                assert result.errors is None, result.errors
                update = result.data["orderUpdates"]
                seen.append((update["status"], update["shipments"][0]["status"]))
            await stream.aclose()
        finally:
            await pool.close()
        return seen

    assert asyncio.run(watch()) == [
        ("ALLOCATED", "ALLOCATED"),
        ("ALLOCATED", "PICKED"),
        ("ALLOCATED", "PACKED"),
        ("SHIPPED", "SHIPPED"),
        ("DELIVERED", "DELIVERED"),
    ]
