from __future__ import annotations

import strawberry


@strawberry.input(description="A point on earth in decimal degrees.")
class GeoPointInput:
    lat: float = strawberry.field(description="Latitude, -90 to 90.")
    lon: float = strawberry.field(description="Longitude, -180 to 180.")
