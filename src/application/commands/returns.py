"""Commands on returns: authorising, receiving, inspecting, refunding, exchanging."""

from __future__ import annotations

from uuid import UUID

from pydantic import Field

from application.commands.fields import Code, Command, Money, Positive, Sku, SkuQuantity, Text
from domain.limits import MAX_LINES
from domain.values import Disposition, ReturnMethod


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
