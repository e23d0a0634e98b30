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
    line1: str
    city: str
    postal_code: str
    country: str
    region: str | None = None
    lat: float | None = None
    lon: float | None = None


@strawberry.input(description="Shipped to `address`, or picked up at `pickupNode`.")
class DeliveryInput:
    method: DeliveryMethod
    address: AddressInput | None = None
    pickup_node: str | None = None


@strawberry.input(description="A quantity of one SKU.")
class SkuQuantityInput:
    sku: str
    quantity: int


def as_data(value: Any) -> Any:
    """An input object (or a list of them) as the snake_case dict the command model reads,
    with the fields left null taken out (so the model's defaults apply)."""
    if isinstance(value, list):
        return [as_data(v) for v in value]
    return asdict(value, dict_factory=lambda items: {k: v for k, v in items if v is not None})
