from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry


@strawberry.type(description="Open invoice amounts whose days past due fall in one range.")
class AgeingBucket:
    bucket: str = strawberry.field(description="0-30, 31-60, 61-90 or 90+.")
    min_days: int = strawberry.field(description="Fewest days past due in the range.")
    max_days: int | None = strawberry.field(description="Most days past due; null: open-ended.")
    amount: Decimal = strawberry.field(description="Open amount in the range.")
    invoices: int = strawberry.field(description="Open invoices in the range.")


@strawberry.type(description="What customers owe on open invoices, aged by days past due.")
class Receivables:
    as_of: date = strawberry.field(description="The day the ageing is counted for.")
    total: Decimal = strawberry.field(description="Open on every invoice.")
    overdue: Decimal = strawberry.field(description="Open on invoices past their due date.")
    buckets: list[AgeingBucket] = strawberry.field(description="One per age range.")
