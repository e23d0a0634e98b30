from __future__ import annotations

from datetime import datetime

import strawberry

from interfaces.graphql.db import Row
from interfaces.graphql.types.enums import ScanCode, by_value

SCAN_CODE = by_value(ScanCode)


@strawberry.type(description="A carrier scan of a shipment on its way, oldest first.")
class Scan:
    code: ScanCode = strawberry.field(description="What the scan reports.")
    at: datetime = strawberry.field(description="When the carrier scanned it.")
    location: str | None = strawberry.field(description="Where, as the carrier gave it.")
    recorded_at: datetime = strawberry.field(description="When the OMS recorded the scan.")

    @classmethod
    def from_row(cls, row: Row) -> Scan:
        """From an `order_tracking.shipment_scans` row."""
        return cls(
            code=SCAN_CODE(row["code"]),
            at=row["at"],
            location=row["location"],
            recorded_at=row["recorded_at"],
        )
