"""Documents of the whole order: acknowledgement, invoices and credit memos."""

from __future__ import annotations

from decimal import Decimal
from uuid import UUID

from interfaces.documents.model import Document, NoSuchDocument, Table
from interfaces.documents.parts import customer, day, money, order_facts, ship_to
from interfaces.documents.reading import OrderRecord

PRICED = ("SKU", "Quantity", "Unit price", "Amount")
PRICED_NUMERIC = frozenset({1, 2, 3})


def acknowledgement(record: OrderRecord) -> Document:
    order = record.order
    lines = Table(
        "Ordered",
        PRICED,
        tuple(
            (
                x["sku"],
                str(x["ordered"] - x["cancelled"]),
                money(x["unit_price"]),
                money(x["amount"]),
            )
            for x in record.lines
        ),
        PRICED_NUMERIC,
        totals=(("Total", money(order["total"])), ("Authorised", money(order["authorized"]))),
    )
    plan = Table(
        "How it will reach you",
        ("Shipment", "From", "SKU", "Quantity"),
        tuple(
            (f"#{s['seq']}", record.node_name(s["node_code"]), x["sku"], str(x["quantity"]))
            for s in record.shipments
            for x in record.lines_of(s["shipment_id"])
        ),
        frozenset({3}),
    )
    waiting = [x for x in record.lines if x["backordered"] > 0]
    notes = tuple(f"{x['backordered']} x {x['sku']} on backorder" for x in waiting)
    return Document(
        "Order acknowledgement",
        str(order["external_ref"] or order["order_id"]),
        order_facts(record),
        (customer(record), ship_to(record)),
        (lines, plan),
        notes or ("Thank you for your order.",),
    )


def invoice(record: OrderRecord, shipment_id: UUID | None) -> Document:
    """Every invoice of the order, or the one issued for a shipment."""
    found = [i for i in record.invoices if shipment_id in (None, i["shipment_id"])]
    if not found:
        raise NoSuchDocument(
            "no invoice has been issued" + (" for this shipment" if shipment_id else "")
        )
    seq = {s["shipment_id"]: s["seq"] for s in record.shipments}
    tables = tuple(
        Table(
            f"Invoice {i['invoice_number']}: shipment #{seq.get(i['shipment_id'], '?')}, "
            f"{day(i['issued_at'])}",
            PRICED,
            tuple(
                (
                    x["sku"],
                    str(x["quantity"]),
                    money(record.price(x["sku"])),
                    money(record.price(x["sku"]) * x["quantity"]),
                )
                for x in record.lines_of(i["shipment_id"])
            ),
            PRICED_NUMERIC,
            totals=(("Invoice total", money(i["amount"])),),
        )
        for i in found
    )
    billed = sum((Decimal(i["amount"]) for i in found), Decimal(0))
    order = record.order
    number = (
        found[0]["invoice_number"]
        if len(found) == 1
        else str(order["external_ref"] or order["order_id"])
    )
    facts = (
        *order_facts(record),
        ("Invoiced", money(billed)),
        ("Paid on the order", money(order["paid"])),
    )
    return Document(
        "Invoice", number, facts, (customer(record, "Bill to"), ship_to(record)), tables
    )


def credit_memo(record: OrderRecord, return_id: UUID | None) -> Document:
    """Every credit memo of the order, or the one for a return."""
    found = [m for m in record.credit_memos if return_id in (None, m["return_id"])]
    if not found:
        raise NoSuchDocument(
            "no credit memo has been issued" + (" for this return" if return_id else "")
        )
    tables = tuple(
        Table(
            f"Credit memo {m['memo_number']}: return {m['return_id']}, {day(m['issued_at'])}",
            ("SKU", "Quantity", "Reason", "Unit price"),
            tuple(
                (x["sku"], str(x["quantity"]), x["reason"] or "", money(record.price(x["sku"])))
                for x in record.return_lines
                if x["return_id"] == m["return_id"]
            ),
            frozenset({1, 3}),
            totals=(("Credited", money(m["amount"])),),
        )
        for m in found
    )
    credited = sum((Decimal(m["amount"]) for m in found), Decimal(0))
    number = found[0]["memo_number"] if len(found) == 1 else str(record.order["order_id"])
    facts = (*order_facts(record), ("Credited", money(credited)))
    return Document("Credit memo", number, facts, (customer(record, "Credit to"),), tables)
