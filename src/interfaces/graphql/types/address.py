from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="A delivery address with its coordinates.")
class Address:
    line1: str = strawberry.field(description="Street and number.")
    city: str = strawberry.field(description="City.")
    postal_code: str = strawberry.field(description="Postal code.")
    region: str | None = strawberry.field(description="State or region, if given.")
    country: str = strawberry.field(description="ISO 3166-1 alpha-2 country code.")
    lat: float | None = strawberry.field(description="Null when given without coordinates.")
    lon: float | None = strawberry.field(description="Null when given without coordinates.")

    @classmethod
    def from_row(cls, data: dict[str, Any]) -> Address:
        """From the `address` object of an order's `delivery` column."""
        return cls(
            line1=data["line1"],
            city=data["city"],
            postal_code=data["postal_code"],
            region=data.get("region"),
            country=data["country"],
            lat=_float(data.get("lat")),
            lon=_float(data.get("lon")),
        )


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None
