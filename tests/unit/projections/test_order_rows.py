"""An order's row: its delivery as the jsonb column holds it."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from domain.order_values import Address, Delivery
from domain.values import DeliveryMethod
from projections.order_rows import delivery_json

ADDRESS = Address("350 5th Ave", "New York", "10118", "US", "NY", 40.748, -73.986)


@pytest.mark.parametrize(
    "delivery",
    [
        Delivery(DeliveryMethod.SHIP, ADDRESS),
        Delivery(DeliveryMethod.SHIP, Address("1 Main St", "Dallas", "75201", "US")),
        Delivery(DeliveryMethod.SHIP, ADDRESS.erased()),
        Delivery(DeliveryMethod.PICKUP, None, "STORE-NYC"),
    ],
)
def test_a_delivery_is_rendered_as_asdict_renders_it(delivery: Delivery) -> None:
    rendered = delivery_json(delivery)
    assert rendered == asdict(delivery)
    assert list(rendered) == list(asdict(delivery))
