from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry

from interfaces.graphql.types.enums import HoldType, by_value

HOLD_TYPE = by_value(HoldType)


@strawberry.type(description="A hold stopping fulfilment until it is released.")
class Hold:
    type: HoldType = strawberry.field(description="What kind of hold.")
    reason: str = strawberry.field(description="Why it was placed (the rule's finding).")
    rule: str | None = strawberry.field(
        description="The hold rule that placed it (e.g. credit.limit); null: an agent did."
    )
    rules_version: int | None = strawberry.field(
        description="The version of the hold rules in force then; null: placed by an agent."
    )

    @classmethod
    def from_row(cls, item: tuple[str, str], rules: Mapping[str, Mapping[str, Any]]) -> Hold:
        """From one (type, reason) item of an order row's `holds` column and the row's
        `hold_rules` ({type: {rule, rules_version}} for the holds a rule placed)."""
        kind, reason = item
        placed_by = rules.get(kind) or {}
        return cls(
            type=HOLD_TYPE(kind),
            reason=reason,
            rule=placed_by.get("rule"),
            rules_version=placed_by.get("rules_version"),
        )
