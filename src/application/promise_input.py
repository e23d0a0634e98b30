"""The input of `POST /promise` and GraphQL `promise(...)`: an order that is not placed."""

from __future__ import annotations

from datetime import date

from pydantic import Field

from application.commands import Command, Delivery, SkuQuantity
from domain.values import Channel


class PromiseRequest(Command):
    channel: Channel
    delivery: Delivery
    lines: list[SkuQuantity] = Field(min_length=1, max_length=200)
    requested_date: date | None = None
