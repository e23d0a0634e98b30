"""What `POST /promise` answers: where and when an order would be fulfilled, nothing reserved."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import Field

from domain.values import ShipmentType
from interfaces.api.responses import Answer, SkuQuantity


class PromisedShipment(Answer):
    node_code: str = Field(description="The node it would leave from.")
    lines: list[SkuQuantity]
    ship_date: date = Field(description="When that node would hand it over.")
    delivery_date: date = Field(
        description="When it would arrive; a pickup: when it is ready to collect (a TRANSFER: "
        "the day it reaches the store `transfer_to`)."
    )
    type: ShipmentType = Field(
        description="SHIP, PICKUP (handed over at the store), or TRANSFER: lines the pickup "
        "store lacks, sent to it from `node_code` as a placed order would be."
    )
    transfer_to: str | None = Field(default=None, description="A TRANSFER's pickup store.")


class PromiseAnswer(Answer):
    shipments: list[PromisedShipment]
    on_time: bool | None = Field(description="Null without a requested_date.")
    backorders: list[SkuQuantity]
    rules_version: int
    explanation: dict[str, Any] = Field(description="Candidates, scores and the deciding rule.")
