"""A long, realistic event log written fast: many aggregates saved per transaction."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from uuid import uuid4

from eventsourcing.application import Application
from eventsourcing.domain import Aggregate

from domain.inventory_node import InventoryNode
from domain.node_stock import NodeStock
from domain.order import Order
from domain.order_values import Address, CustomerDetails, Delivery, LineItem
from domain.shipment import Step
from domain.sourcing import Plan
from domain.values import Capability, Channel, DeliveryMethod, GeoPoint, NodeType

ADDRESS = {
    "line1": "1 Main St",
    "city": "Denver",
    "postal_code": "80202",
    "country": "US",
    "lat": 39.75,
    "lon": -105.0,
}
STEPS = (Step.PICK, Step.PACK, Step.SHIP, Step.DELIVER)
ORDERS_PER_SAVE = 30  # about 250 events per transaction


Save = Callable[[list[Aggregate]], int]


def build_log(
    app: Application,
    events: int,
    nodes: int = 10,
    skus: int = 200,
    *,
    save: Save | None = None,
    orders_per_save: int = ORDERS_PER_SAVE,
) -> int:
    """Write at least `events` events, a few hundred per transaction; returns how many.

    Not many more per transaction: the library inserts a transaction's events as one
    pipeline, and a pipeline of ~1,000 events (with their actors) can deadlock client
    and server on full socket buffers (psycopg issue 685). `save` (see `bulk_log`)
    replaces the library's save.
    """
    save = save or (lambda aggregates: _save(app, aggregates))
    codes = [f"DC-{n:02d}" for n in range(nodes)]
    names = [f"SKU-{n:04d}" for n in range(skus)]
    caps = frozenset({Capability.SHIP, Capability.RETURNS})
    network = [
        InventoryNode.register(c, c, NodeType.DC, GeoPoint(40.0, -90.0 + n), caps)
        for n, c in enumerate(codes)
    ]
    stocks = {(c, s): NodeStock.open(c, s) for c in codes for s in names}
    for stock in stocks.values():
        stock.receive(1_000_000, "opening")
    opening: list[Aggregate] = [*network, *stocks.values()]
    written = sum(save(opening[i : i + 500]) for i in range(0, len(opening), 500))
    n = 0
    while written < events:
        chunk: dict[object, Aggregate] = {}
        for _ in range(orders_per_save):
            n += 1
            node, lines = codes[n % nodes], {names[n % skus]: 1, names[(n * 7 + 1) % skus]: 2}
            for aggregate in _fulfilled_order(n, node, lines, stocks):
                chunk[aggregate.id] = aggregate
        written += save(list(chunk.values()))
    return written


def _fulfilled_order(
    n: int, node: str, lines: dict[str, int], stocks: dict[tuple[str, str], NodeStock]
) -> list[Aggregate]:
    order = Order.place(
        uuid4(),
        Channel.WEB,
        CustomerDetails(f"C-{n % 1000}", "Bench", ""),
        Delivery(DeliveryMethod.SHIP, Address.from_dict(ADDRESS)),
        [LineItem(s, q, Decimal("9.99")) for s, q in lines.items()],
    )
    (shipment,) = order.allocate(Plan({node: dict(lines)}, {}, {"rule": "bench"}), "placement")
    touched = [stocks[(node, sku)] for sku in lines]
    for stock, qty in zip(touched, lines.values(), strict=True):
        stock.reserve(str(shipment.id), qty)
    for step in STEPS:
        order.step(shipment.id, step, carrier="UPS" if step is Step.SHIP else None)
        if step is Step.SHIP:
            for stock, qty in zip(touched, lines.values(), strict=True):
                stock.ship(str(shipment.id), qty)
    return [order, *touched]


def _save(app: Application, aggregates: list[Aggregate]) -> int:
    return len(app.save(*aggregates))
