from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row


@strawberry.type(description="One returned SKU and, once inspected, what became of it.")
class ReturnLine:
    sku: str = strawberry.field(description="The stock keeping unit.")
    quantity: int = strawberry.field(description="Units returned.")
    reason: str | None = strawberry.field(description="The customer's reason.")
    disposition: str | None = strawberry.field(
        description="RESTOCK, REFURBISH, SCRAP, or MIXED when units went different ways; "
        "null until inspected."
    )
    restock_quantity: int = strawberry.field(description="Units put back on hand.")
    refurbish_quantity: int = strawberry.field(description="Units sent to be refurbished.")
    scrap_quantity: int = strawberry.field(description="Units scrapped.")

    @classmethod
    def from_row(cls, row: Row) -> ReturnLine:
        """From a `returns.return_lines` row."""
        return cls(
            sku=row["sku"],
            quantity=row["quantity"],
            reason=row["reason"],
            disposition=row["disposition"],
            restock_quantity=row["restock_quantity"],
            refurbish_quantity=row["refurbish_quantity"],
            scrap_quantity=row["scrap_quantity"],
        )
