from __future__ import annotations

from decimal import Decimal

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.kit_line import KitLine


@strawberry.type(description="One SKU of an order and how far its units have got.")
class OrderLine:
    sku: str = strawberry.field(description="The stock keeping unit.")
    quantity: int = strawberry.field(
        description="Units (kits, for a kit line) ordered, including later increases."
    )
    unit_price: Decimal = strawberry.field(description="Price of one unit.")
    allocated: int = strawberry.field(description="Units in live shipments.")
    shipped: int = strawberry.field(description="Units in shipped or delivered shipments.")
    delivered: int = strawberry.field(description="Units in delivered shipments.")
    cancelled: int = strawberry.field(description="Units cancelled.")
    returned: int = strawberry.field(description="Units received back on returns.")
    backordered: int = strawberry.field(description="Units waiting for stock.")
    amount: Decimal = strawberry.field(description="unitPrice x (quantity - cancelled).")
    kit: KitLine | None = strawberry.field(
        description="A kit line's components (its counts above are whole kits); null otherwise."
    )

    @classmethod
    def from_row(cls, row: Row) -> OrderLine:
        """From an `order_tracking.order_lines` row."""
        return cls(
            sku=row["sku"],
            quantity=row["ordered"],
            unit_price=row["unit_price"],
            allocated=row["allocated"],
            shipped=row["shipped"],
            delivered=row["delivered"],
            cancelled=row["cancelled"],
            returned=row["returned"],
            backordered=row["backordered"],
            amount=row["amount"],
            kit=KitLine.from_json(row["kit"]) if row.get("kit") else None,
        )
