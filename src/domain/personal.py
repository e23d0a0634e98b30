"""Personal data: the values that hold it, what stays readable, and what erasure leaves.

A customer's name, email and addresses are personal data. Events hold them only in values
of a `PersonalValue` type (`CustomerDetails`, `Address`, `Contact`); the application seals
each under its customer's key (`application.personal_data`), and once that key is
destroyed they read back as `ERASED`. Every event stays; the fields each type names in
`CLEAR` (the customer's id, a country) stay readable, so amounts, stock and the
customer's orders remain auditable.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any, ClassVar, Self

ERASED = "[erased]"


class PersonalValue:
    """A frozen dataclass of personal fields, with the fields in `CLEAR` kept readable."""

    CLEAR: ClassVar[tuple[str, ...]] = ()

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Self:
        raise NotImplementedError

    @classmethod
    def erased_with(cls, clear: Mapping[str, Any]) -> Self:
        """The value once erased: its clear fields, and `ERASED` (or nothing) for the rest."""
        raise NotImplementedError

    def clear_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.CLEAR}

    def personal_fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _personal_names(type(self))}

    def erased(self) -> Self:
        return self.erased_with(self.clear_fields())

    @property
    def is_erased(self) -> bool:
        # Erasure leaves `ERASED` or nothing in each personal field: a value holding
        # anything else in one is not erased, without building its erased twin.
        if any(getattr(self, name) not in (ERASED, None) for name in _personal_names(type(self))):
            return False
        return self == self.erased()


_NAMES: dict[type[PersonalValue], tuple[str, ...]] = {}


def _personal_names(kind: type[PersonalValue]) -> tuple[str, ...]:
    """The names of the kind's personal fields (remembered: a dataclass's fields are fixed)."""
    names = _NAMES.get(kind)
    if names is None:
        names = _NAMES[kind] = tuple(
            f.name
            for f in fields(kind)  # type: ignore[arg-type]
            if f.name not in kind.CLEAR
        )
    return names
