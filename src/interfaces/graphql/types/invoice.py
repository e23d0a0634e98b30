from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry

from domain.ledger import bucket
from interfaces.graphql.db import Row


@strawberry.type(
    description="An invoice issued when a shipment left, and what is still open on it."
)
class Invoice:
    number: str = strawberry.field(description="The invoice number.")
    order_id: strawberry.ID = strawberry.field(description="The order invoiced.")
    amount: Decimal = strawberry.field(description="Amount invoiced.")
    open_amount: Decimal = strawberry.field(description="Still to be paid.")
    written_off: Decimal = strawberry.field(description="Amount written off.")
    issued_on: date = strawberry.field(description="Day of issue.")
    due_on: date = strawberry.field(description="Issue date plus the customer's payment terms.")
    days_overdue: int = strawberry.field(description="Days past due as of `asOf` (0 if not due).")
    age_bucket: str = strawberry.field(description="0-30, 31-60, 61-90 or 90+ days past due.")

    @classmethod
    def from_row(cls, row: Row, as_of: date) -> Invoice:
        """From a `receivables.invoices` row, aged as of `as_of`."""
        days = max(0, (as_of - row["due_on"]).days)
        return cls(
            number=row["invoice_number"],
            order_id=strawberry.ID(str(row["order_id"])),
            amount=row["amount"],
            open_amount=row["open_amount"],
            written_off=row["written_off"],
            issued_on=row["issued_on"],
            due_on=row["due_on"],
            days_overdue=days,
            age_bucket=bucket(days),
        )
