from __future__ import annotations

import strawberry

from interfaces.graphql.types.enums import HoldType, by_value

HOLD_TYPE = by_value(HoldType)


@strawberry.type(description="A hold stopping fulfilment until it is released.")
class Hold:
    type: HoldType = strawberry.field(description="What kind of hold.")
    reason: str = strawberry.field(description="Why it was placed (rule and cause).")

    @classmethod
    def from_row(cls, item: tuple[str, str]) -> Hold:
        """From one (type, reason) item of an order row's `holds` column."""
        kind, reason = item
        return cls(type=HOLD_TYPE(kind), reason=reason)
