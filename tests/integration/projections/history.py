"""A seeded, varied history of domain events, written straight from the aggregates."""

from __future__ import annotations

import random
from decimal import Decimal
from uuid import uuid4

from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.order import Order
from domain.order_values import Address, CustomerDetails, Delivery, LineItem
from domain.return_ import Return
from domain.return_values import InspectedLine, ReturnLine
from domain.sourcing import Plan
from domain.values import (
    Capability,
    Channel,
    DeliveryMethod,
    Disposition,
    GeoPoint,
    HoldType,
    NodeType,
    ReturnMethod,
)
from tests.integration.projections.conftest import EventStore

NODES = {"DC-1": NodeType.DC, "DC-2": NodeType.WAREHOUSE, "STORE-1": NodeType.STORE}
SKUS = ["A", "B", "C", "D"]
ADDRESS = {
    "line1": "Main St 1",
    "city": "Utrecht",
    "postal_code": "3511",
    "country": "NL",
    "lat": 52.09,
    "lon": 5.12,
}
CAPS = frozenset({Capability.SHIP, Capability.RETURNS, Capability.PICKUP})


def record_history(store: EventStore, seed: int = 7, orders: int = 40) -> None:
    """Nodes, stock, and `orders` orders taken down random paths; saved a few at a time."""
    rng = random.Random(seed)
    nodes = {
        code: InventoryNode.register(code, code, kind, GeoPoint(52.0, 5.0), CAPS)
        for code, kind in NODES.items()
    }
    stocks = {(code, sku): NodeStock.open(code, sku) for code in NODES for sku in SKUS}
    for stock in stocks.values():
        stock.receive(rng.randint(50, 80), "PO")
    store.record(*nodes.values(), *stocks.values())
    for n in range(orders):
        order = Order.place(
            uuid4(),
            rng.choice(list(Channel)),
            CustomerDetails(f"C-{n % 5}", "", ""),
            Delivery(DeliveryMethod.SHIP, Address.from_dict(ADDRESS)),
            [
                LineItem(sku, rng.randint(1, 3), Decimal(rng.randint(100, 999)) / 100)
                for sku in rng.sample(SKUS, rng.randint(1, 2))
            ],
        )
        node = rng.choice(list(NODES))
        wanted = order.to_source()
        planned = {sku: qty - (1 if rng.random() < 0.2 else 0) for sku, qty in wanted.items()}
        planned = {sku: qty for sku, qty in planned.items() if qty}
        changed: list = [order]
        plan = Plan({node: planned} if planned else {}, {}, {})
        for shipment in order.allocate(plan, "placement"):
            for sku, qty in shipment.lines.items():
                stocks[(node, sku)].reserve(str(shipment.id), qty)
                changed.append(stocks[(node, sku)])
        changed += _follow_up(rng, order, stocks, nodes)
        store.record(*{a.id: a for a in changed}.values())


def _follow_up(rng: random.Random, order: Order, stocks: dict, nodes: dict) -> list:
    """Take the order further down one random path; returns the other aggregates changed."""
    changed: list = []
    path = rng.random()
    shipments = list(order.shipments.values())
    if path < 0.2:
        for r in order.cancel("changed mind"):
            stocks[(r.node_code, r.sku)].release(str(r.shipment_id), r.quantity)
            changed.append(stocks[(r.node_code, r.sku)])
    elif path < 0.3:
        order.place_hold(HoldType.FRAUD, "check")
        if rng.random() < 0.5:
            order.release_hold(HoldType.FRAUD)
    elif path < 0.4:
        node = nodes[rng.choice(list(nodes))]
        node.deactivate() if node.active else node.activate()
        changed.append(node)
    elif shipments:
        for shipment in shipments:
            for step in ("pick", "pack", "ship", "deliver")[: rng.choice((1, 2, 3, 4, 4, 4))]:
                order.step(shipment.id, step, carrier="UPS" if step == "ship" else None)
                if step == "ship":
                    for sku, qty in shipment.lines.items():
                        stocks[(shipment.node_code, sku)].ship(str(shipment.id), qty)
                        changed.append(stocks[(shipment.node_code, sku)])
        if order.owed > 0:
            amount = min(Decimal("5.00"), order.owed)
            order.record_payment(amount, "card", f"P-{order.id.hex[:6]}")
        delivered = {sku: order.returnable(sku) for sku in order.lines if order.returnable(sku)}
        if delivered and rng.random() < 0.6:
            changed += _returned(rng, order, delivered, nodes, stocks)
    return changed


def _returned(rng: random.Random, order: Order, lines: dict, nodes: dict, stocks: dict) -> list:
    ret = Return.authorize(
        uuid4(),
        order.id,
        [ReturnLine(s, q, "fit") for s, q in lines.items()],
        ReturnMethod.MAIL,
    )
    order.record_return(ret.id, lines)
    if rng.random() < 0.2:
        ret.cancel("kept it")
        order.withdraw_return(ret.id)
        return [ret]
    node = nodes["DC-1"]
    if not node.active:
        return [ret]
    ret.receive(node)
    restock = ret.inspect([InspectedLine(s, q, Disposition.RESTOCK) for s, q in lines.items()])
    for sku, qty in restock.items():
        stocks[("DC-1", sku)].restock(str(ret.id), qty)
    ret.refund(Decimal("1.00"))
    order.issue_credit_memo(ret.id, Decimal("1.00"))
    return [ret, *(stocks[("DC-1", sku)] for sku in restock)]
