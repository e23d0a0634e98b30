"""The inputs of `promise(...)`: the same order shape as `POST /promise`, in camelCase.

They are checked by the same pydantic model as the REST body (`PromiseRequest`), so both
edges accept and refuse the same orders.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

import strawberry

from interfaces.graphql.types.enums import DeliveryMethod


@strawberry.input(description="A delivery address; coordinates let sourcing measure distance.")
class AddressInput:
    line1: str = strawberry.field(description="Street and number.")
    city: str = strawberry.field(description="City.")
    postal_code: str = strawberry.field(description="Postal code.")
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    region: str | None = strawberry.field(default=None, description="State or region.")
    lat: float | None = strawberry.field(default=None, description="Latitude, -90 to 90.")
    lon: float | None = strawberry.field(default=None, description="Longitude, -180 to 180.")


@strawberry.input(description="Shipped to `address`, or picked up at `pickupNode`.")
class DeliveryInput:
    method: DeliveryMethod = strawberry.field(
        description="SHIP to an address or PICKUP at a store."
    )
    address: AddressInput | None = strawberry.field(
        default=None, description="Where to ship (SHIP)."
    )
    pickup_node: str | None = strawberry.field(
        default=None, description="The store to collect from (PICKUP)."
    )


@strawberry.input(description="A quantity of one SKU.")
class SkuQuantityInput:
    sku: str = strawberry.field(description="The stock keeping unit.")
    quantity: int = strawberry.field(description="Units of it.")


def as_data(value: Any) -> Any:
    """An input object (or a list of them) as the snake_case dict the command model reads,
    with the fields left null taken out (so the model's defaults apply)."""
    if isinstance(value, list):
        return [as_data(v) for v in value]
    return asdict(value, dict_factory=lambda items: {k: v for k, v in items if v is not None})
