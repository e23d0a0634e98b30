"""How `/graphql` appears in the OpenAPI document: the request and the response envelope.

Strawberry's router declares its HTTP routes with no body schema; the GraphQL schema
itself is what describes the data (introspection, GraphiQL's docs), so the OpenAPI
document only names the GraphQL-over-HTTP envelope around it.
"""

from __future__ import annotations

from typing import Any

from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from interfaces.api.errors import problem_schema

_ERROR = {
    "type": "object",
    "required": ["message"],
    "properties": {
        "message": {"type": "string"},
        "locations": {"type": "array", "items": {"type": "object"}},
        "path": {"type": "array", "items": {"type": ["string", "integer"]}},
        "extensions": {
            "type": "object",
            "description": "`code` names the failure (BAD_USER_INPUT, FORBIDDEN, ...).",
        },
    },
}
_RESULT = {
    "type": "object",
    "properties": {
        "data": {"type": ["object", "null"], "description": "Absent when no field ran."},
        "errors": {"type": "array", "items": _ERROR},
        "extensions": {"type": "object"},
    },
}
_REQUEST = {
    "type": "object",
    "required": ["query"],
    "properties": {
        "query": {"type": "string"},
        "variables": {"type": ["object", "null"]},
        "operationName": {"type": ["string", "null"]},
    },
}
_ANSWERS = {
    "application/json": {"schema": _RESULT},
    "application/graphql-response+json": {"schema": _RESULT},
}


def describe(routes: list[BaseRoute]) -> None:
    """Give the router's HTTP routes their request and response schemas."""
    for route in routes:
        if not isinstance(route, APIRoute):
            continue
        methods = route.methods or set()
        if "POST" in methods:
            route.openapi_extra = {
                "requestBody": {"required": True, "content": {"application/json": _request()}}
            }
            route.responses = _responses("The result (GraphQL errors ride in `errors`)")
        elif "GET" in methods:
            responses = _responses("GraphiQL for a browser, or the result of `?query=`")
            responses[200]["content"]["text/html"] = {"schema": {"type": "string"}}
            route.responses = responses


def _request() -> dict[str, Any]:
    return {"schema": _REQUEST}


def _responses(success: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {"description": success, "content": dict(_ANSWERS)},
        400: {
            "description": "A document that does not parse or validate, or variables that "
            "do not fit, for clients accepting application/graphql-response+json",
            "content": {"application/graphql-response+json": {"schema": _RESULT}},
        },
        401: problem_schema("Missing or unknown API key"),
    }
