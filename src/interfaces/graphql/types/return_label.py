from __future__ import annotations

import strawberry

from interfaces.graphql.db import Row


@strawberry.type(description="The label of a mail return.")
class ReturnLabel:
    carrier: str = strawberry.field(description="The carrier to hand the parcel to.")
    tracking_number: str | None = strawberry.field(description="The label's tracking number.")

    @classmethod
    def from_row(cls, row: Row) -> ReturnLabel | None:
        """From a `returns.returns` row; None when it has no label."""
        if row["label_carrier"] is None:
            return None
        return cls(carrier=row["label_carrier"], tracking_number=row["label_tracking_number"])
