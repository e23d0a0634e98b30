"""The schema describes itself: what GraphiQL's docs show frontend developers."""

from __future__ import annotations

from typing import Any

from graphql import get_introspection_query, graphql_sync

from interfaces.graphql.internals import core_schema
from interfaces.graphql.schema import schema


def introspection() -> dict[str, Any]:
    query = get_introspection_query(descriptions=True, input_value_deprecation=True)
    result = graphql_sync(core_schema(schema), query)
    assert result.errors is None
    assert result.data is not None
    return result.data["__schema"]


def undescribed(types: list[dict[str, Any]]) -> list[str]:
    """Every type, field, argument, input field and enum value without a description."""
    missing = []
    for kind in types:
        name = kind["name"]
        if name.startswith("__"):  # introspection's own types
            continue
        if not kind.get("description"):
            missing.append(f"type {name}")
        for field in kind.get("fields") or []:
            if not field.get("description"):
                missing.append(f"field {name}.{field['name']}")
            missing += [
                f"argument {name}.{field['name']}({arg['name']})"
                for arg in field.get("args") or []
                if not arg.get("description")
            ]
        missing += [
            f"input field {name}.{field['name']}"
            for field in kind.get("inputFields") or []
            if not field.get("description")
        ]
        missing += [
            f"enum value {name}.{value['name']}"
            for value in kind.get("enumValues") or []
            if not value.get("description")
        ]
    return missing


def test_every_type_field_argument_and_enum_value_has_a_description() -> None:
    types = introspection()["types"]

    assert len(types) > 40
    assert undescribed(types) == []


def test_the_walk_finds_what_is_missing() -> None:
    types = [
        {
            "name": "Thing",
            "description": None,
            "fields": [{"name": "a", "description": "", "args": [{"name": "x"}]}],
            "inputFields": None,
            "enumValues": [{"name": "ON", "description": None}],
        }
    ]

    assert undescribed(types) == [
        "type Thing",
        "field Thing.a",
        "argument Thing.a(x)",
        "enum value Thing.ON",
    ]
