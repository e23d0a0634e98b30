from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="One component of a kit line and how far its units have got.")
class KitComponent:
    sku: str = strawberry.field(description="The component's stock keeping unit.")
    per_kit: int = strawberry.field(description="Units of this SKU in one kit.")
    allocated: int = strawberry.field(description="Units in live shipments.")
    shipped: int = strawberry.field(description="Units in shipped or delivered shipments.")
    delivered: int = strawberry.field(description="Units in delivered shipments.")


@strawberry.type(description="What a kit line is made of, as defined when it was ordered.")
class KitLine:
    ship_together: bool = strawberry.field(description="All components from one node.")
    components: list[KitComponent] = strawberry.field(description="The SKUs in one kit.")

    @classmethod
    def from_json(cls, kit: dict[str, Any]) -> KitLine:
        """From the `kit` column of an `order_tracking.order_lines` row."""
        return cls(
            ship_together=kit["ship_together"],
            components=[
                KitComponent(
                    sku=c["sku"],
                    per_kit=c["per_kit"],
                    allocated=c["allocated"],
                    shipped=c["shipped"],
                    delivered=c["delivered"],
                )
                for c in kit["components"]
            ],
        )
