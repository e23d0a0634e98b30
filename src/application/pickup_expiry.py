"""The pickup expiry policy: orders not collected in time are cancelled, their stock released.

Driven by the OMS's clock (`app.clock`, which tests move on) and the rules'
`pickup_expiry_days`, counted from the moment the shipment became ready for pickup. Each
expiry is one `expire_pickup` command, decided on the writer, which does nothing to a
shipment no longer waiting: several processes running the policy cancel each order once.
The stock it releases goes to waiting backorders through the arrival policy.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from application.actor import Actor, acting_as
from application.background import Background

if TYPE_CHECKING:
    from application.oms import OMS

PICKUP_EXPIRY = "pickup-expiry"


class PickupExpiry(Background):
    name = PICKUP_EXPIRY

    def __init__(self, app: OMS, *, interval: float = 0.5) -> None:
        super().__init__(interval)
        self.app = app

    def run_once(self) -> int:
        """Cancel every order whose pickup is overdue now; how many were cancelled."""
        self.app.follower.catch_up()
        days = self.app.current_rules()[1].pickup_expiry_days
        expired = 0
        for key in self.app.pickups.due(self.app.clock(), days):
            with acting_as(Actor.policy(PICKUP_EXPIRY)):
                answer = self.app.expire_pickup(*key)
            if answer["expired"]:
                expired += 1
            else:
                self.app.pickups.forget(key)
        return expired
