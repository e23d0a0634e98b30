"""How the domain's value types are written into stored events and snapshots."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from datetime import date
from decimal import Decimal
from json import encoder as json_encoder
from typing import Any

from eventsourcing.persistence import JSONTranscoder, Transcoding

from application.personal_data import Sealer
from domain.customer import Contact
from domain.expected_receipts import ExpectedReceipt
from domain.ledger import Invoice
from domain.order_line import OrderLine
from domain.order_values import Address, CustomerDetails, Delivery, LineItem, Payment, Readable
from domain.personal import PersonalValue
from domain.return_values import ExchangeLine, InspectedLine, ReturnLabel, ReturnLine
from domain.shipment import NewShipment, Reduction, Shipment
from domain.values import GeoPoint, ShipmentStatus


class Transcoder(JSONTranscoder):
    """The library's JSON transcoder, its C encoder made once rather than at every encode
    (the same bytes; most events are small, and making it was a good part of the cost),
    and each registered type's name and encoding found with one look-up."""

    def __init__(self) -> None:
        super().__init__()
        self._encodings: dict[type, tuple[str, Callable[[Any], Any]]] = {}
        make = getattr(json_encoder, "c_make_encoder", None)  # None: CPython without it
        self._encode = make and make(
            None,  # no check for cycles: events hold none, and no state is shared
            self._encode_obj,
            json_encoder.encode_basestring,  # ensure_ascii=False, as the library's
            None,
            ":",
            ",",
            False,
            False,
            True,
        )

    def register(self, transcoding: Transcoding) -> None:
        super().register(transcoding)
        self._encodings[transcoding.type] = (transcoding.name, transcoding.encode)

    def encode(self, obj: Any) -> bytes:
        if self._encode is None or isinstance(obj, str):
            return super().encode(obj)
        return "".join(self._encode(obj, 0)).encode("utf8")

    def _encode_obj(self, o: Any) -> dict[str, Any]:
        found = self._encodings.get(type(o))
        if found is None:
            return super()._encode_obj(o)  # the library's error for an unregistered type
        return {"_type_": found[0], "_data_": found[1](o)}


class ValueAsDict(Transcoding):
    """A frozen value type as an object of its fields, read back by its `from_dict`.

    Nested values (an address in a delivery, a price) go through their own transcodings.
    """

    def __init__(self, kind: type[Readable], name: str) -> None:
        self.type = self.kind = kind
        self.name = name
        self.fields = tuple(f.name for f in fields(kind))  # type: ignore[arg-type]

    def encode(self, obj: Any) -> dict[str, Any]:
        return {name: getattr(obj, name) for name in self.fields}

    def decode(self, data: dict[str, Any]) -> Any:
        return self.kind.from_dict(data)


class SealedValue(ValueAsDict):
    """A personal value: its clear fields as they are, the rest sealed under its subject's key.

    Reads every stored shape: sealed (read back erased once the key is gone), erased, and
    the plain fields stored before personal data was sealed.
    """

    def __init__(self, kind: type[PersonalValue], name: str, sealer: Sealer) -> None:
        super().__init__(kind, name)
        self.personal, self.sealer = kind, sealer

    def encode(self, obj: Any) -> dict[str, Any]:
        if obj.is_erased:
            return {**obj.clear_fields(), "erased": True}
        return {**obj.clear_fields(), "sealed": self.sealer.seal(obj.personal_fields())}

    def decode(self, data: dict[str, Any]) -> Any:
        clear = {name: data[name] for name in self.personal.CLEAR}
        if "sealed" in data:
            fields = self.sealer.unseal(data["sealed"])
            if fields is not None:
                return self.personal.from_dict({**clear, **fields})
            return self.personal.erased_with(clear)
        if data.get("erased"):
            return self.personal.erased_with(clear)
        return self.personal.from_dict(data)


# The personal value types, sealed under their customer's key (`application.personal_data`).
PERSONAL: dict[str, type[PersonalValue]] = {
    "customer_details": CustomerDetails,
    "address": Address,
    "contact": Contact,
}
# The other value types events carry, by the name their stored objects are tagged with.
VALUES: dict[str, type[Readable]] = {
    "delivery": Delivery,
    "line_item": LineItem,
    "payment": Payment,
    "new_shipment": NewShipment,
    "reduction": Reduction,
    "return_line": ReturnLine,
    "inspected_line": InspectedLine,
    "exchange_line": ExchangeLine,
    "return_label": ReturnLabel,
    "expected_receipt": ExpectedReceipt,
}


class OrderLineAsDict(Transcoding):
    type = OrderLine
    name = "order_line"

    def encode(self, obj: OrderLine) -> dict[str, Any]:
        return dict(obj.__dict__)

    def decode(self, data: dict[str, Any]) -> OrderLine:
        return OrderLine(**data)


class ShipmentAsDict(Transcoding):
    type = Shipment
    name = "shipment"

    def encode(self, obj: Shipment) -> dict[str, Any]:
        return {**obj.__dict__, "status": str(obj.status)}

    def decode(self, data: dict[str, Any]) -> Shipment:
        status = ShipmentStatus(data["status"])
        return Shipment(**{**data, "status": status, "awaiting": tuple(data.get("awaiting", ()))})


class GeoPointAsList(Transcoding):
    type = GeoPoint
    name = "geo_point"

    def encode(self, obj: GeoPoint) -> list[float]:
        return [obj.lat, obj.lon]

    def decode(self, data: list[float]) -> GeoPoint:
        return GeoPoint(*data)


class FrozensetAsList(Transcoding):
    type = frozenset
    name = "frozenset"

    def encode(self, obj: frozenset[Any]) -> list[Any]:
        return sorted(obj)

    def decode(self, data: list[Any]) -> frozenset[Any]:
        return frozenset(data)


class SetAsList(Transcoding):
    type = set
    name = "set"

    def encode(self, obj: set[Any]) -> list[Any]:
        return sorted(obj)

    def decode(self, data: list[Any]) -> set[Any]:
        return set(data)


class InvoiceAsDict(Transcoding):
    type = Invoice
    name = "invoice"

    def encode(self, obj: Invoice) -> dict[str, Any]:
        return {
            "number": obj.number,
            "amount": str(obj.amount),
            "issued_on": obj.issued_on.isoformat(),
            "due_on": obj.due_on.isoformat(),
        }

    def decode(self, data: dict[str, Any]) -> Invoice:
        return Invoice(
            data["number"],
            Decimal(data["amount"]),
            date.fromisoformat(data["issued_on"]),
            date.fromisoformat(data["due_on"]),
        )


def all_transcodings(sealer: Sealer) -> list[Transcoding]:
    """Every transcoding the OMS registers beyond the library's own."""
    return [
        *(SealedValue(kind, name, sealer) for name, kind in PERSONAL.items()),
        *(ValueAsDict(kind, name) for name, kind in VALUES.items()),
        *(t() for t in ALL),
    ]


ALL = (
    OrderLineAsDict,
    ShipmentAsDict,
    GeoPointAsList,
    FrozensetAsList,
    SetAsList,
    InvoiceAsDict,
)
