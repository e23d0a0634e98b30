from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated
from uuid import UUID

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.customer import Customer
from interfaces.graphql.types.delivery import Delivery
from interfaces.graphql.types.enums import Channel, OrderStatus, by_value
from interfaces.graphql.types.hold import Hold
from interfaces.graphql.types.order_line import OrderLine
from interfaces.graphql.types.shipment import Shipment
from interfaces.graphql.types.sourcing_decision import SourcingDecision
from interfaces.graphql.types.timeline_entry import TimelineEntry

if TYPE_CHECKING:
    from interfaces.graphql.types.return_ import Return

ReturnType = Annotated["Return", strawberry.lazy("interfaces.graphql.types.return_")]

CHANNEL = by_value(Channel)
ORDER_STATUS = by_value(OrderStatus)


@strawberry.type(
    description="An order as the order tracking read model holds it. Its nested lists "
    "are loaded in one batch per list for all orders of a response."
)
class Order:
    id: strawberry.ID = strawberry.field(description="The order id (a UUID).")
    external_ref: str | None = strawberry.field(
        description="The caller's own reference, unique per channel; null if none was given."
    )
    channel: Channel = strawberry.field(description="The sales channel it came through.")
    status: OrderStatus = strawberry.field(
        description="Where the order stands, derived from its lines and shipments."
    )
    customer: Customer = strawberry.field(description="Who placed it.")
    delivery: Delivery = strawberry.field(
        description="Shipped to an address or picked up at a store."
    )
    holds: list[Hold] = strawberry.field(
        description="Holds in force (credit, fraud, address, customer); empty when none."
    )
    total: Decimal = strawberry.field(description="Sum of the lines' amounts.")
    authorized_amount: Decimal = strawberry.field(
        description="Payment authorised at placement, captured as shipments leave."
    )
    invoiced_amount: Decimal = strawberry.field(
        description="Sum of the invoices issued so far (one per shipment)."
    )
    paid_amount: Decimal = strawberry.field(description="Sum of the payments recorded.")
    refunded_amount: Decimal = strawberry.field(description="Sum of the refunds on returns.")
    requested_date: date | None = strawberry.field(
        description="The delivery date the customer asked for, if any."
    )
    placed_at: datetime = strawberry.field(description="When the order was placed.")
    updated_at: datetime = strawberry.field(description="When its last event happened.")
    version: int = strawberry.field(description="The order's version (events applied).")
    lines: list[OrderLine] = strawberry.field(
        description="The order's lines, in the order they were placed."
    )
    shipments: list[Shipment] = strawberry.field(description="Shipments, first allocated first.")
    timeline: list[TimelineEntry] = strawberry.field(
        description="Every event of the order, oldest first."
    )
    returns: list[ReturnType] = strawberry.field(
        description="Returns (RMAs) against this order, oldest first."
    )
    sourcing: list[SourcingDecision] = strawberry.field(
        description="Every sourcing decision of the order, oldest first: the rules version, "
        "the trigger, each candidate node with its score and the rule that excluded it."
    )
    order_id: strawberry.Private[UUID]

    @classmethod
    def from_row(
        cls,
        row: Row,
        *,
        lines: Sequence[Row] = (),
        shipments: Sequence[Row] = (),
        shipment_lines: Sequence[Row] = (),
        timeline: Sequence[Row] = (),
        returns: Sequence[Return] = (),
        sourcing: Sequence[Row] = (),
    ) -> Order:
        """From an `order_tracking.orders` row, with whichever nested rows were loaded
        (and its returns, built by the caller: the `Return` type refers back to this one)."""
        carried: defaultdict[UUID, list[Row]] = defaultdict(list)
        for line in shipment_lines:
            carried[line["shipment_id"]].append(line)
        return cls(
            id=strawberry.ID(str(row["order_id"])),
            order_id=row["order_id"],
            external_ref=row["external_ref"],
            channel=CHANNEL(row["channel"]),
            status=ORDER_STATUS(row["status"]),
            customer=Customer.from_row(row),
            delivery=Delivery.from_row(row),
            holds=[Hold.from_row(item, row["hold_rules"]) for item in sorted(row["holds"].items())],
            total=row["total"],
            authorized_amount=row["authorized"],
            invoiced_amount=row["invoiced"],
            paid_amount=row["paid"],
            refunded_amount=row["refunded"],
            requested_date=row["requested_date"],
            placed_at=row["placed_at"],
            updated_at=row["updated_at"],
            version=row["version"],
            lines=[OrderLine.from_row(line) for line in lines],
            shipments=[Shipment.from_row(s, carried[s["shipment_id"]]) for s in shipments],
            timeline=[TimelineEntry.from_row(entry) for entry in timeline],
            returns=list(returns),
            sourcing=[SourcingDecision.from_row(r) for r in sourcing],
        )
