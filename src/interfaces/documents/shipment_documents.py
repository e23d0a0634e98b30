"""Documents of the fulfilment work: the pick list of a node, the packing slip of a shipment."""

from __future__ import annotations

from uuid import UUID

from interfaces.documents.model import Document, NoSuchDocument, Party, Table
from interfaces.documents.parts import day, order_facts, order_reference, ship_to
from interfaces.documents.reading import OrderRecord

LIVE = frozenset({"ALLOCATED", "PICKED", "PACKED", "READY_FOR_PICKUP", "SHIPPED", "DELIVERED"})


def pick_list(record: OrderRecord, node_code: str) -> Document:
    """What the node picks for this order."""
    shipments = [s for s in record.shipments if s["node_code"] == node_code]
    if not shipments:
        raise NoSuchDocument(f"the order has no shipment from node {node_code!r}")
    live = [s for s in shipments if s["status"] in LIVE]
    rows = tuple(
        (x["sku"], str(x["quantity"]), f"#{s['seq']}", s["status"], _number(s, "pick_list"))
        for s in live
        for x in record.lines_of(s["shipment_id"])
    )
    numbers = sorted({r[4] for r in rows if r[4] != "not yet issued"})
    return Document(
        "Pick list",
        numbers[0] if len(numbers) == 1 else f"{order_reference(record)}-{node_code}",
        (*order_facts(record), ("Node", record.node_name(node_code))),
        (Party("Pick at", (record.node_name(node_code),)), ship_to(record)),
        (
            Table(
                "To pick",
                ("SKU", "Quantity", "Shipment", "Status", "Pick list"),
                rows,
                frozenset({1}),
            ),
        ),
        tuple(f"Shipment #{s['seq']} is {s['status'].lower()}" for s in shipments if s not in live),
    )


def packing_slip(record: OrderRecord, shipment_id: UUID) -> Document:
    """What goes in the parcel and where it goes."""
    shipment = next((s for s in record.shipments if s["shipment_id"] == shipment_id), None)
    if shipment is None:
        raise NoSuchDocument(f"the order has no shipment {shipment_id}")
    facts = (
        *order_facts(record),
        ("Shipment", f"#{shipment['seq']} ({shipment['status']})"),
        ("Carrier", shipment["carrier"] or "not yet shipped"),
        ("Tracking number", shipment["tracking_number"] or "not yet shipped"),
        ("Shipped", day(shipment["shipped_at"])),
    )
    contents = Table(
        "Contents",
        ("SKU", "Quantity"),
        tuple((x["sku"], str(x["quantity"])) for x in record.lines_of(shipment_id)),
        frozenset({1}),
    )
    return Document(
        "Packing slip",
        shipment["documents"].get("packing_slip") or f"{order_reference(record)}-{shipment['seq']}",
        facts,
        (Party("From", (record.node_name(shipment["node_code"]),)), ship_to(record)),
        (contents,),
    )


def _number(shipment: dict[str, object], kind: str) -> str:
    documents = shipment["documents"]
    number = documents.get(kind) if isinstance(documents, dict) else None
    return str(number) if number else "not yet issued"
