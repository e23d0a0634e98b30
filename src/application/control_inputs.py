"""Inputs of the order controls: customer accounts, hold rules, invoice write-offs."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from application.commands import Command, Email, Money, Phone, Text
from domain.holds import DEFAULT_REQUIRED

AddressField = Literal["line1", "city", "postal_code", "region", "country", "lat", "lon"]


class PutCustomer(Command):
    name: Text
    email: Email
    phone: Phone | None = Field(default=None, description="E.164; spaces and hyphens dropped")
    credit_limit: Money | None = Field(
        default=None, description="None: no credit check (the customer pays at placement)"
    )
    payment_terms_days: Annotated[int, Field(ge=0, le=365)] = 30


class CreditRule(Command):
    enabled: bool = True


class FraudRules(Command):
    max_first_order_value: Money | None = None
    max_orders_per_hour: Annotated[int, Field(ge=1, le=10_000)] | None = None
    country_mismatch: bool = False


class AddressRule(Command):
    required: list[AddressField] = Field(
        default_factory=lambda: list(DEFAULT_REQUIRED),  # type: ignore[arg-type]
        max_length=7,
    )


class PutHoldRules(Command):
    """Every part optional; an omitted part takes its default (see `domain.holds`)."""

    credit: CreditRule = CreditRule()
    fraud: FraudRules = FraudRules()
    address: AddressRule = AddressRule()


class WriteOff(Command):
    reason: Text
