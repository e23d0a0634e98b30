"""The values an order's events carry: who ordered, where it goes, what, how it is paid.

Each is a frozen dataclass stored through its own transcoding
(`application.transcodings`). `from_dict` reads both a decoded value's fields and the
plain JSON objects events stored before these types existed (their upcasters use it), so
one constructor serves every stored shape.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any, Protocol, Self, TypeVar

from domain.personal import ERASED, PersonalValue
from domain.quick_init import quick_init
from domain.values import DeliveryMethod, GeoPoint

Quantities = dict[str, int]


class Readable(Protocol):
    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self: ...


R = TypeVar("R", bound=Readable)


@quick_init
@dataclass(frozen=True)
class CustomerDetails(PersonalValue):
    """The customer named on an order: their id (readable); name, email and contact phone
    (personal, the phone optional and absent from what earlier releases stored)."""

    CLEAR = ("id",)
    id: str
    name: str
    email: str
    phone: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CustomerDetails:
        name, email = str(data.get("name", "")), str(data.get("email", ""))
        return cls(str(data["id"]), name, email, data.get("phone"))

    @classmethod
    def erased_with(cls, clear: Mapping[str, Any]) -> CustomerDetails:
        return cls(str(clear["id"]), ERASED, ERASED)


@quick_init
@dataclass(frozen=True)
class Address(PersonalValue):
    """A delivery address; all of it is personal but the country (the hold rules use it)."""

    CLEAR = ("country",)
    line1: str
    city: str
    postal_code: str
    country: str
    region: str | None = None
    lat: float | None = None
    lon: float | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Address:
        return cls(
            line1=data["line1"],
            city=data["city"],
            postal_code=data["postal_code"],
            country=data["country"],
            region=data.get("region"),
            lat=data.get("lat"),
            lon=data.get("lon"),
        )

    @classmethod
    def erased_with(cls, clear: Mapping[str, Any]) -> Address:
        return cls(ERASED, ERASED, ERASED, str(clear["country"]))

    @property
    def location(self) -> GeoPoint | None:
        return (
            GeoPoint(self.lat, self.lon) if self.lat is not None and self.lon is not None else None
        )


@quick_init
@dataclass(frozen=True)
class Delivery:
    """Shipped to an address, or picked up at a node."""

    method: DeliveryMethod
    address: Address | None = None
    pickup_node: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Delivery:
        address = data.get("address")
        return cls(
            DeliveryMethod(data["method"]),
            value_of(Address, address) if address is not None else None,
            data.get("pickup_node"),
        )

    def erased(self) -> Delivery:
        """The delivery with its address erased (a pickup has none)."""
        return replace(self, address=self.address.erased()) if self.address else self


# Fields shown (in histories) only when set: they were added for kits, and an ordinary
# line reads as it always did.
IF_SET = {"shown": "if set"}


@quick_init
@dataclass(frozen=True)
class LineItem:
    """A line as ordered: SKU, quantity and unit price; a kit line also carries the kit's
    components (SKU: units per kit), whether they ship together, and the kit's version."""

    sku: str
    quantity: int
    unit_price: Decimal
    components: Mapping[str, int] = field(default_factory=dict, metadata=IF_SET)
    ship_together: bool = field(default=False, metadata=IF_SET)
    kit_version: int | None = field(default=None, metadata=IF_SET)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> LineItem:
        return cls(
            str(data["sku"]),
            int(data["quantity"]),
            Decimal(str(data["unit_price"])),
            dict(data.get("components") or {}),
            bool(data.get("ship_together", False)),
            data.get("kit_version"),
        )


@quick_init
@dataclass(frozen=True)
class Payment:
    """The payment authorised at placement."""

    method: str
    authorized_amount: Decimal
    billing_country: str | None = None

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Payment:
        return cls(
            str(data["method"]),
            Decimal(str(data["authorized_amount"])),
            data.get("billing_country"),
        )


def value_of(kind: type[R], data: R | Mapping[str, Any]) -> R:
    """`data` as a `kind`: itself when decoded already, else read from its plain fields."""
    return data if isinstance(data, kind) else kind.from_dict(data)  # type: ignore[arg-type]
