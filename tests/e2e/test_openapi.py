"""The OpenAPI document describes every route's answers, successes and problems alike."""

from __future__ import annotations

from typing import Any

import pytest

from application.settings import Settings
from interfaces.api.app import create_app

PROBLEM = "application/problem+json"


@pytest.fixture(scope="module")
def spec() -> dict[str, Any]:
    # Building the document touches no database: the lifespan never runs here.
    document: dict[str, Any] = create_app(Settings(api_keys={})).openapi()
    return document


def operations(spec: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (method.upper(), path, operation)
        for path, item in spec["paths"].items()
        for method, operation in item.items()
        if method in {"get", "put", "post", "patch", "delete"}
    ]


def resolve(spec: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    ref = schema.get("$ref")
    if ref is None:
        return schema
    found: dict[str, Any] = spec
    for part in ref.removeprefix("#/").split("/"):
        found = found[part]
    return found


def test_every_route_describes_a_success_with_a_schema(spec: dict[str, Any]) -> None:
    missing = []
    for method, path, operation in operations(spec):
        successes = {
            code: answer for code, answer in operation["responses"].items() if code[0] == "2"
        }
        contents = [c for answer in successes.values() for c in answer.get("content", {}).items()]
        if not contents:
            missing.append(f"{method} {path}: no 2xx content")
        for media, content in contents:
            schema = resolve(spec, content.get("schema", {}))
            if media == "application/json" and not schema.get("properties"):
                missing.append(f"{method} {path}: {media} without properties")
            elif not schema:
                missing.append(f"{method} {path}: {media} without a schema")
    assert len(operations(spec)) > 40
    assert missing == []


def test_every_error_a_route_documents_is_a_problem_document(spec: dict[str, Any]) -> None:
    not_problems = [
        f"{method} {path} {code}"
        for method, path, operation in operations(spec)
        for code, answer in operation["responses"].items()
        if code[0] in "45"
        and PROBLEM not in answer.get("content", {})
        # GraphQL-over-HTTP answers a document it cannot run with a GraphQL result.
        and (path, code) != ("/graphql", "400")
    ]

    assert not_problems == []


def test_command_answers_name_their_fields_and_the_log_position(spec: dict[str, Any]) -> None:
    def success(path: str, method: str) -> dict[str, Any]:
        answer = spec["paths"][path][method]["responses"]
        code = next(c for c in answer if c[0] == "2")
        return resolve(spec, answer[code]["content"]["application/json"]["schema"])

    placed = success("/orders", "post")
    shipment = resolve(
        spec, placed["properties"]["shipments"]["items"]
    )  # what a generated client sees
    transfer = success("/nodes/{code}/transfers", "post")

    assert {"order_id", "status", "shipments", "backorders", "position"} <= set(placed["required"])
    assert "ALLOCATED" in resolve(spec, placed["properties"]["status"])["enum"]
    assert {"shipment_id", "node_code", "lines"} <= shipment["properties"].keys()
    assert {"transfer_id", "from", "to", "position"} <= transfer["properties"].keys()
    assert success("/returns", "post")["properties"]["label"]
    assert success("/promise", "post")["properties"]["shipments"]


def test_operations_checking_a_role_name_both_ways_to_send_a_key(spec: dict[str, Any]) -> None:
    either = [{"APIKeyHeader": []}, {"HTTPBearer": []}]
    schemes = spec["components"]["securitySchemes"]

    assert schemes["APIKeyHeader"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-API-Key",
        "description": "API key from OMS_API_KEYS",
    }
    assert schemes["HTTPBearer"]["scheme"] == "bearer"
    assert spec["paths"]["/orders"]["post"]["security"] == either
    assert spec["paths"]["/nodes/{code}/receipts"]["post"]["security"] == either
    assert spec["paths"]["/ready"]["get"]["security"] == either  # a key shows more
    assert "security" not in spec["paths"]["/health"]["get"]
