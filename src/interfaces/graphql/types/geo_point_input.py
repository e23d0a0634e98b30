from __future__ import annotations

import strawberry


@strawberry.input(description="A point on earth in decimal degrees.")
class GeoPointInput:
    lat: float
    lon: float
