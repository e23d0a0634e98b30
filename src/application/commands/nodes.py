"""Commands on inventory nodes and their stock."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import Field, model_validator

from application.commands.fields import (
    AwareDatetime,
    Code,
    Command,
    Lat,
    Lon,
    Money,
    Positive,
    Quantity,
    Sku,
    Storable,
    Text,
)
from domain.limits import MAX_DAILY_CAPACITY, MAX_PRIORITY, MAX_QUANTITY
from domain.values import Capability, NodeType


class RegisterNode(Command):
    code: Code
    name: Text
    type: NodeType
    lat: Lat
    lon: Lon
    capabilities: list[Capability] = Field(min_length=1)
    daily_capacity: Annotated[int, Field(ge=0, le=MAX_DAILY_CAPACITY)] | None = None
    priority: Annotated[int, Field(ge=0, le=MAX_PRIORITY)] = 100
    ship_cost: Money = Decimal("0")


class ReceiveStock(Command):
    sku: Sku
    quantity: Positive
    reference: Annotated[str, Storable, Field(max_length=100)] = ""


class ExpectReceipt(Command):
    sku: Sku
    quantity: Positive
    expected_at: AwareDatetime
    reference: Annotated[str, Storable, Field(min_length=1, max_length=100)]


class AdjustStock(Command):
    sku: Sku
    counted_quantity: Quantity | None = None
    delta: Annotated[int, Field(ge=-MAX_QUANTITY, le=MAX_QUANTITY)] | None = None
    reason: Text

    @model_validator(mode="after")
    def _one_of(self) -> AdjustStock:
        if (self.counted_quantity is None) == (self.delta is None):
            raise ValueError("give exactly one of counted_quantity or delta")
        return self


class SetSafetyStock(Command):
    quantity: Quantity


class Transfer(Command):
    to_node: Code
    sku: Sku
    quantity: Positive


class ReceiveTransfer(Command):
    sku: Sku


class ScheduleDowntime(Command):
    starts_at: AwareDatetime
    ends_at: AwareDatetime
    reason: Text


class SetNodeStatus(Command):
    active: bool
