"""orderUpdates over graphql-transport-ws: the subscriber sees each status change, in order."""

from __future__ import annotations

import asyncio
from typing import Any

from gql import Client, gql
from gql.transport.websockets import WebsocketsTransport

from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import ok, place, receive, register, step, unique

BOTH_GRAPHQL_PATHS = True  # with OMS_GRAPHQL_FAST_PATH on and off

__all__ = ["live"]

SUBSCRIPTION = gql("""
subscription($id: ID!) {
  orderUpdates(id: $id) { id status shipments { status trackingNumber } }
}
""")
STEPS: list[tuple[str, dict[str, Any] | None]] = [
    ("pick", None),
    ("pack", None),
    ("ship", {"carrier": "UPS", "tracking_number": "1Z42"}),
    ("deliver", None),
]


def test_a_subscriber_receives_every_status_change_of_the_order_in_order(live: Live) -> None:
    rest = live.rest
    dc, sku = unique("DC"), unique("SKU")
    register(rest, dc)
    receive(rest, dc, sku, 5)
    placed = place(rest, {sku: 1})
    oid, sid = placed["order_id"], placed["shipments"][0]["shipment_id"]

    async def follow() -> list[tuple[str, str, str | None]]:
        transport = WebsocketsTransport(
            url=live.ws_url, subprotocols=[WebsocketsTransport.GRAPHQLWS_SUBPROTOCOL]
        )
        seen: list[tuple[str, str, str | None]] = []
        SUBSCRIPTION.variable_values = {"id": oid}
        async with Client(transport=transport) as session:
            updates = session.subscribe(SUBSCRIPTION)
            steps = iter(STEPS)
            while True:
                update = (await asyncio.wait_for(anext(updates), timeout=10))["orderUpdates"]
                [shipment] = update["shipments"]
                seen.append((update["status"], shipment["status"], shipment["trackingNumber"]))
                name_body = next(steps, None)
                if name_body is None:
                    break
                answer = await asyncio.to_thread(step, rest, oid, sid, *name_body)
                ok(answer)
            await updates.aclose()
        return seen

    assert asyncio.run(follow()) == [
        ("ALLOCATED", "ALLOCATED", None),
        ("ALLOCATED", "PICKED", None),
        ("ALLOCATED", "PACKED", None),
        ("SHIPPED", "SHIPPED", "1Z42"),
        ("DELIVERED", "DELIVERED", "1Z42"),
    ]
