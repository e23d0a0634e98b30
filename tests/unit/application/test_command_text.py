"""Every string field of every command refuses control characters (see domain/limits.py).

A field added later without the `Storable` constraint (or a pattern of its own that lets
control characters through) fails here, before it can stop a read model.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

import application.control_inputs
import application.promise_input
import application.rules_input  # noqa: F401
import interfaces.api.routes.returns  # noqa: F401
from application.commands import Command, PlaceOrder


def commands(root: type[Command] = Command) -> Iterator[type[Command]]:
    for sub in root.__subclasses__():
        yield sub
        yield from commands(sub)


def string_fields() -> Iterator[tuple[type[BaseModel], str]]:
    for model in commands():
        for name, field in model.model_fields.items():
            if "str" in repr(field.annotation) and "Enum" not in repr(field.annotation):
                yield model, name


STRING_FIELDS = sorted(set(string_fields()), key=lambda f: (f[0].__name__, f[1]))


def test_the_commands_have_string_fields_to_check() -> None:
    assert len(STRING_FIELDS) > 20


@pytest.mark.parametrize(("model", "name"), STRING_FIELDS, ids=lambda v: getattr(v, "__name__", v))
@pytest.mark.parametrize("refused", ["\x00", "\x1b", "\x7f", "\x85", "\ud800"], ids=ascii)
def test_a_string_field_refuses_control_characters(
    model: type[BaseModel], name: str, refused: str
) -> None:
    value: Any = "a@b" + refused
    if "list[" in repr(model.model_fields[name].annotation):
        value = [value]

    with pytest.raises(ValidationError) as error:
        model.model_validate({name: value})

    assert any(e["loc"][0] == name for e in error.value.errors()), error.value.errors()
    assert not any(e["loc"][0] == name and e["type"] == "missing" for e in error.value.errors())


def test_ordinary_unicode_passes() -> None:
    order = PlaceOrder.model_validate(
        {
            "channel": "WEB",
            "customer": {"id": "C1", "name": "Zoë 🙂 \u2028", "email": "zoë@exämple.com"},
            "delivery": {"method": "PICKUP", "pickup_node": "S1"},
            "lines": [{"sku": "A", "quantity": 1, "unit_price": "1"}],
        }
    )
    assert order.customer.name == "Zoë 🙂 \u2028"
