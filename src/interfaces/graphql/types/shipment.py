from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

import strawberry
from strawberry.scalars import JSON

from interfaces.graphql.context import Info
from interfaces.graphql.db import Row
from interfaces.graphql.types.enums import ShipmentStatus, ShipmentType, by_value
from interfaces.graphql.types.scan import Scan
from interfaces.graphql.types.shipment_line import ShipmentLine

SHIPMENT_STATUS = by_value(ShipmentStatus)
SHIPMENT_TYPE = by_value(ShipmentType)


@strawberry.type(description="Goods of an order leaving one node, with their tracking.")
class Shipment:
    id: strawberry.ID = strawberry.field(description="The shipment id (a UUID).")
    order_id: strawberry.ID = strawberry.field(description="The order it belongs to.")
    seq: int = strawberry.field(description="1, 2, ... within the order.")
    node_code: str = strawberry.field(
        description="The node it leaves from (a TRANSFER's pickup store once it arrived)."
    )
    type: ShipmentType = strawberry.field(
        description="SHIP, PICKUP, or TRANSFER (sent to the pickup store `transferTo`)."
    )
    transfer_from: str | None = strawberry.field(
        description="A TRANSFER: the node that sent it to the pickup store."
    )
    transfer_to: str | None = strawberry.field(description="A TRANSFER: its pickup store.")
    preorder: bool = strawberry.field(
        description="Allocated on supply in transit to its node (a preorder, where the rules "
        "allow preorder_in_transit): it cannot be picked until that supply is received."
    )
    promised_date: date | None = strawberry.field(
        description="A preorder: the date its node expects the supply (null when not a "
        "preorder, or when only transfers bring it)."
    )
    awaiting_stock: list[str] = strawberry.field(
        description="A preorder: the SKUs whose supply has not arrived yet (empty once it "
        "may be picked)."
    )
    status: ShipmentStatus = strawberry.field(description="Where the shipment stands.")
    carrier: str | None = strawberry.field(description="The carrier, once shipped.")
    tracking_number: str | None = strawberry.field(description="The carrier's tracking number.")
    documents: JSON = strawberry.field(
        description="Document numbers: pick_list, packing_slip, shipping_label."
    )
    reject_reason: str | None = strawberry.field(description="Why the node rejected it, if it did.")
    allocated_at: datetime = strawberry.field(description="When sourcing allocated it to the node.")
    picked_at: datetime | None = strawberry.field(description="When it was picked.")
    packed_at: datetime | None = strawberry.field(description="When it was packed.")
    ready_at: datetime | None = strawberry.field(
        description="When it was ready for pickup (BOPIS)."
    )
    shipped_at: datetime | None = strawberry.field(description="When it left with the carrier.")
    delivered_at: datetime | None = strawberry.field(description="When it was delivered.")
    rejected_at: datetime | None = strawberry.field(description="When the node rejected it.")
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    lines: list[ShipmentLine] = strawberry.field(description="What the shipment carries now.")

    @strawberry.field(description="The carrier's scans, in the order the carrier made them.")
    async def scans(self, info: Info) -> list[Scan]:
        rows = await info.context.loaders.shipment_scans.load(str(self.id))
        return [Scan.from_row(row) for row in rows]

    @classmethod
    def from_row(cls, row: Row, lines: Sequence[Row] = ()) -> Shipment:
        """From an `order_tracking.shipments` row and its `shipment_lines` rows."""
        return cls(
            id=strawberry.ID(str(row["shipment_id"])),
            order_id=strawberry.ID(str(row["order_id"])),
            seq=row["seq"],
            node_code=row["node_code"],
            type=SHIPMENT_TYPE(row["shipment_type"]),
            transfer_from=row["transfer_from"],
            transfer_to=row["transfer_to"],
            preorder=row["preorder"],
            promised_date=row["promised_date"],
            awaiting_stock=list(row["awaiting_stock"]),
            status=SHIPMENT_STATUS(row["status"]),
            carrier=row["carrier"],
            tracking_number=row["tracking_number"],
            documents=row["documents"],
            reject_reason=row["reject_reason"],
            allocated_at=row["allocated_at"],
            picked_at=row["picked_at"],
            packed_at=row["packed_at"],
            ready_at=row["ready_at"],
            shipped_at=row["shipped_at"],
            delivered_at=row["delivered_at"],
            rejected_at=row["rejected_at"],
            cancelled_at=row["cancelled_at"],
            updated_at=row["updated_at"],
            lines=[ShipmentLine.from_row(line) for line in lines],
        )
