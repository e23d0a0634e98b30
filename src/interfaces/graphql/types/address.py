from __future__ import annotations

from typing import Any

import strawberry


@strawberry.type(description="A delivery address with its coordinates.")
class Address:
    line1: str
    city: str
    postal_code: str
    country: str
    lat: float
    lon: float

    @classmethod
    def from_row(cls, data: dict[str, Any]) -> Address:
        """From the `address` object of an order's `delivery` column."""
        return cls(
            line1=data["line1"],
            city=data["city"],
            postal_code=data["postal_code"],
            country=data["country"],
            lat=float(data["lat"]),
            lon=float(data["lon"]),
        )
