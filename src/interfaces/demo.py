"""Demo data: a US network (DCs, warehouses, dozens of stores, drop-ship vendors), a few
hundred SKUs with opening stock, and orders from every channel through every journey.

Loaded through the application like any other commands. Every write carries a fixed
idempotency key (orders a fixed external reference), so loading twice writes nothing, and
loading more orders later only adds the new ones.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, Literal

import structlog

from application.commands import PlaceOrder, ReceiveStock, RegisterNode, SetSafetyStock
from application.oms import OMS
from domain.errors import DomainError
from domain.values import node_id, node_stock_id
from interfaces.demo_data import ORDERS
from interfaces.demo_journeys import carry_out
from interfaces.demo_network import CATALOGUE, CORE_NODES, CORE_STOCK, NODES, STOCK
from interfaces.demo_orders import Plan, plans

# Wraps each phase's items, e.g. in a progress bar: (items, description) -> items.
Track = Callable[[Sequence[Any], str], Iterable[Any]]
DEFAULT_ORDERS = 60
log = structlog.get_logger("oms.demo")

# The named orders' `then` in demo_data, as journeys.
NAMED_JOURNEYS = {
    "deliver": "delivered",
    "ready": "pickup-ready",
    "ship-first": "partly-shipped",
    "none": "waiting",
    "cancel": "cancelled",
    "hold": "held",
    "return": "returned-in-store-refunded",
}


def untracked(items: Sequence[Any], _description: str) -> Iterable[Any]:
    return items


def load(
    oms: OMS,
    say: Callable[[str], None] = print,
    *,
    orders: int = DEFAULT_ORDERS,
    track: Track = untracked,
    network: Literal["full", "core"] = "full",
) -> None:
    """Load the network, stock, the named orders and `orders` generated ones (idempotent).

    `network="core"`: only the nine nodes and seven SKUs the named orders use, and no
    generated orders (a quick load, for tests)."""
    nodes, stock = (NODES, STOCK) if network == "full" else (CORE_NODES, CORE_STOCK)
    for code in track(list(nodes), "nodes"):
        if oms.find(node_id(code)) is None:
            name, kind, lat, lon, caps, priority, cost, capacity = nodes[code]
            oms.register_node(
                RegisterNode(
                    code=code,
                    name=name,
                    type=kind,
                    lat=lat,
                    lon=lon,
                    capabilities=caps,
                    priority=priority,
                    ship_cost=cost,
                    daily_capacity=capacity,
                )
            )
    say(f"{len(nodes)} nodes")
    positions = [(code, sku, qty) for code, held in stock.items() for sku, qty in held.items()]
    for code, sku, quantity in track(positions, "stock"):
        # A stock record exists once its opening receipt is saved: no key needed.
        if oms.find(node_stock_id(code, sku)) is None:
            oms.receive_stock(code, ReceiveStock(sku=sku, quantity=quantity, reference="opening"))
    oms.set_safety_stock(
        "STORE-NYC",
        "TSHIRT-BLK-M",
        SetSafetyStock(quantity=4),
        idempotency_key="demo:safety:STORE-NYC:TSHIRT-BLK-M",
    )
    say(f"{len({sku for _, sku, _ in positions})} SKUs, {len(positions)} stock positions")
    everything = named_plans() + (plans(orders) if network == "full" else [])
    stopped = sum(not _place(oms, plan) for plan in track(everything, "orders"))
    say(f"{len(everything)} orders" + (f" ({stopped} stopped early)" if stopped else ""))


def _place(oms: OMS, plan: Plan) -> bool:
    """Place the order and carry it through its journey; False if a rule stopped it."""
    try:
        answer = oms.place_order(
            PlaceOrder(
                external_ref=plan.ref,
                channel=plan.channel,
                customer=plan.customer,
                delivery=plan.delivery,
                lines=plan.lines,
            )
        )
        carry_out(oms, plan, answer)
    except DomainError as refused:
        log.info("demo order stopped", ref=plan.ref, journey=plan.journey, reason=str(refused))
        return False
    return True


def named_plans() -> list[Plan]:
    return [
        Plan(
            ref,
            channel,
            {
                "id": name.split()[-1].upper(),
                "name": name,
                "email": f"{name.split()[0].lower()}@example.com",
            },
            delivery,
            [{"sku": s, "quantity": q, "unit_price": CATALOGUE[s]} for s, q in lines.items()],
            NAMED_JOURNEYS[then],
        )
        for ref, channel, name, delivery, lines, then in ORDERS
    ]
