"""The values a return's events carry: the lines promised back, inspected or exchanged, and
the mail label.

Frozen dataclasses stored through their own transcodings; `from_dict` also reads the plain
JSON objects events stored before these types existed (their upcasters use it).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from domain.values import Disposition


@dataclass(frozen=True)
class ReturnLine:
    """Units of a SKU the customer sends back, and why."""

    sku: str
    quantity: int
    reason: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReturnLine:
        return cls(str(data["sku"]), int(data["quantity"]), data.get("reason"))


@dataclass(frozen=True)
class InspectedLine:
    """Units of a SKU inspected, and what becomes of them."""

    sku: str
    quantity: int
    disposition: Disposition

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> InspectedLine:
        return cls(str(data["sku"]), int(data["quantity"]), Disposition(data["disposition"]))


@dataclass(frozen=True)
class ExchangeLine:
    """Units of a SKU sent as a replacement."""

    sku: str
    quantity: int

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ExchangeLine:
        return cls(str(data["sku"]), int(data["quantity"]))


@dataclass(frozen=True)
class ReturnLabel:
    """The carrier label a mailed return travels under."""

    carrier: str
    tracking_number: str

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ReturnLabel:
        return cls(str(data["carrier"]), str(data["tracking_number"]))
