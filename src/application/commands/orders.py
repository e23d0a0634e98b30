"""Commands on orders: placing, changing, holding, shipping and paying."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated

from pydantic import Field, model_validator

from application.commands.fields import (
    AwareDatetime,
    Code,
    Command,
    Country,
    Email,
    Lat,
    Lon,
    Money,
    Phone,
    Positive,
    Quantity,
    Sku,
    SkuQuantity,
    Storable,
    Text,
)
from domain.limits import MAX_AMOUNT, MAX_LINES
from domain.scans import ScanCode
from domain.values import Channel, DeliveryMethod, HoldType


class Customer(Command):
    id: Code
    name: Text
    email: Email
    phone: Phone | None = Field(default=None, description="E.164; spaces and hyphens dropped")


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
