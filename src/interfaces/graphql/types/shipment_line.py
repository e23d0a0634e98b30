from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row


@strawberry.type(description="What a shipment carries of one SKU.")
class ShipmentLine:
    sku: str = strawberry.field(description="The stock keeping unit.")
    quantity: int = strawberry.field(description="Units of it.")

    @classmethod
    def from_row(cls, row: Row) -> ShipmentLine:
        """From an `order_tracking.shipment_lines` row."""
        return cls(sku=row["sku"], quantity=row["quantity"])
