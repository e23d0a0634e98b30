"""The policies: work the OMS does on its own, driven by its event log (and its clock):
backorders allocated when stock arrives, pickups not collected in time cancelled.

They run where the projection workers run (the API process by default, or `oms project`
workers) and alone as `oms policies`; several processes may run them at once, each
effect happens once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.arrival_policy import ArrivalPolicy
from application.pickup_expiry import PickupExpiry

if TYPE_CHECKING:
    from application.oms import OMS


class Policies:
    def __init__(self, app: OMS) -> None:
        self.arrivals = ArrivalPolicy(app)
        self.pickup_expiry = PickupExpiry(app)

    def start(self) -> None:
        self.arrivals.start()
        self.pickup_expiry.start()

    def stop(self) -> None:
        self.pickup_expiry.stop()
        self.arrivals.stop()
