"""Command inputs, validated at the edge and shared by REST and the application."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any
from uuid import UUID

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    model_validator,
)

from domain.limits import (
    CODE_TEXT,
    MAX_AMOUNT,
    MAX_CODE_LENGTH,
    MAX_DAILY_CAPACITY,
    MAX_LINES,
    MAX_PRIORITY,
    MAX_QUANTITY,
    STORABLE_TEXT,
    check_instant,
)
from domain.scans import ScanCode
from domain.values import (
    Capability,
    Channel,
    DeliveryMethod,
    Disposition,
    HoldType,
    NodeType,
    ReturnMethod,
)

Code = Annotated[str, Field(min_length=1, max_length=MAX_CODE_LENGTH, pattern=CODE_TEXT)]
Sku = Code


# Every string a command holds is of storable characters (domain/limits.py).
Storable = StringConstraints(pattern=STORABLE_TEXT)
Text = Annotated[str, Storable, Field(min_length=1, max_length=500)]
Positive = Annotated[int, Field(gt=0, le=MAX_QUANTITY)]
Quantity = Annotated[int, Field(ge=0, le=MAX_QUANTITY)]
Money = Annotated[Decimal, Field(ge=0, le=MAX_AMOUNT, decimal_places=2)]
Email = Annotated[
    str, Field(pattern=r"^[^@\s\x00-\x1f\x7f-\x9f]+@[^@\s\x00-\x1f\x7f-\x9f]+$", max_length=254)
]
Lat = Annotated[float, Field(ge=-90, le=90)]
Lon = Annotated[float, Field(ge=-180, le=180)]


def _aware(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("timestamps need a time zone, e.g. 2026-11-23T09:00:00Z")
    return check_instant(value)


AwareDatetime = Annotated[datetime, AfterValidator(_aware)]


class Command(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    def data(self) -> dict[str, Any]:
        return self.model_dump(mode="python")


# Nodes and stock ---------------------------------------------------------------------


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


# Orders ------------------------------------------------------------------------------


class Customer(Command):
    id: Code
    name: Text
    email: Email


Country = Annotated[str, Storable, Field(min_length=2, max_length=2)]


class Address(Command):
    """Without coordinates (or a field the hold rules require) the order is held (ADDRESS)."""

    line1: Text
    city: Text
    postal_code: Annotated[str, Storable, Field(min_length=1, max_length=20)]
    region: Annotated[str, Storable, Field(min_length=1, max_length=100)] | None = None
    country: Country
    lat: Lat | None = None
    lon: Lon | None = None

    @model_validator(mode="after")
    def _both_coordinates(self) -> Address:
        if (self.lat is None) != (self.lon is None):
            raise ValueError("give both lat and lon, or neither")
        return self


class Delivery(Command):
    method: DeliveryMethod
    address: Address | None = None
    pickup_node: Code | None = None

    @model_validator(mode="after")
    def _fits_method(self) -> Delivery:
        if self.method is DeliveryMethod.SHIP and self.address is None:
            raise ValueError("delivery by SHIP needs an address")
        if self.method is DeliveryMethod.PICKUP and self.pickup_node is None:
            raise ValueError("delivery by PICKUP needs a pickup_node")
        return self


class Line(Command):
    sku: Sku
    quantity: Positive
    unit_price: Money


class PaymentAuthorization(Command):
    method: Text
    authorized_amount: Money
    billing_country: Country | None = None


class PlaceOrder(Command):
    external_ref: Annotated[str, Storable, Field(min_length=1, max_length=100)] | None = None
    channel: Channel
    customer: Customer
    delivery: Delivery
    lines: list[Line] = Field(min_length=1, max_length=MAX_LINES)
    requested_date: date | None = None
    payment: PaymentAuthorization | None = None


class SkuQuantity(Command):
    sku: Sku
    quantity: Positive


class DefineKit(Command):
    components: list[SkuQuantity] = Field(min_length=1, max_length=MAX_LINES)
    ship_together: bool = False

    @model_validator(mode="after")
    def _each_component_once(self) -> DefineKit:
        skus = [c.sku for c in self.components]
        if len(set(skus)) != len(skus):
            raise ValueError("each component SKU may appear once")
        return self


class CancelOrder(Command):
    reason: Text
    lines: list[SkuQuantity] | None = Field(default=None, min_length=1, max_length=MAX_LINES)


class PlaceHold(Command):
    type: HoldType
    reason: Text


class ChangeLine(Command):
    quantity: Quantity


class ShipShipment(Command):
    carrier: Annotated[str, Storable, Field(min_length=1, max_length=50)]
    tracking_number: Annotated[str, Storable, Field(min_length=1, max_length=100)] | None = None


class ScanShipment(Command):
    code: ScanCode
    at: AwareDatetime
    location: Annotated[str, Storable, Field(min_length=1, max_length=200)] | None = None


class RejectShipment(Command):
    reason: Text


class RecordPayment(Command):
    amount: Annotated[Decimal, Field(gt=0, le=MAX_AMOUNT, decimal_places=2)]
    method: Text
    reference: Annotated[str, Storable, Field(min_length=1, max_length=100)]


# Returns -----------------------------------------------------------------------------


class ReturnLine(Command):
    sku: Sku
    quantity: Positive
    reason: Text


class CreateReturn(Command):
    order_id: UUID
    lines: list[ReturnLine] = Field(min_length=1, max_length=MAX_LINES)
    method: ReturnMethod
    node_code: Code | None = None


class ReceiveReturn(Command):
    node_code: Code


class InspectedLine(Command):
    sku: Sku
    quantity: Positive
    disposition: Disposition


class InspectReturn(Command):
    lines: list[InspectedLine] = Field(min_length=1, max_length=MAX_LINES)


class Refund(Command):
    amount: Money | None = None


class Exchange(Command):
    lines: list[SkuQuantity] = Field(min_length=1, max_length=MAX_LINES)


class CancelReturn(Command):
    reason: Text
