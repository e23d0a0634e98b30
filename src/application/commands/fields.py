"""The field types every command shares, and the `Command` base (validated at the edge)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints

from domain.limits import (
    CODE_TEXT,
    MAX_AMOUNT,
    MAX_CODE_LENGTH,
    MAX_QUANTITY,
    STORABLE_TEXT,
    check_instant,
    phone_number,
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
Phone = Annotated[str, Field(max_length=40), AfterValidator(phone_number)]
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


Country = Annotated[str, Storable, Field(min_length=2, max_length=2)]


class SkuQuantity(Command):
    sku: Sku
    quantity: Positive
