from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row


@strawberry.type(description="One returned SKU and, once inspected, what became of it.")
class ReturnLine:
    sku: str
    quantity: int
    reason: str | None
    disposition: str | None = strawberry.field(
        description="RESTOCK, REFURBISH, SCRAP, or MIXED when units went different ways; "
        "null until inspected."
    )
    restock_quantity: int
    refurbish_quantity: int
    scrap_quantity: int

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
