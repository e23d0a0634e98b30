"""The OpenAPI document's security: how to send a key, and which operations need one.

The role dependencies (`auth.CallerRole`) read the role the edge found rather than taking
the key through FastAPI's security classes (three dependencies fewer per command), so the
document is told here what those classes would have told it: the two ways to send a key,
and every operation whose dependencies check the caller's role.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from fastapi import FastAPI
from fastapi.dependencies.models import Dependant
from fastapi.encoders import jsonable_encoder
from fastapi.routing import APIRoute, iter_route_contexts
from fastapi.security import APIKeyHeader, HTTPBearer
from fastapi.security.base import SecurityBase

from interfaces.api.auth import CallerRole

SCHEMES: tuple[SecurityBase, ...] = (
    APIKeyHeader(name="X-API-Key", auto_error=False, description="API key from OMS_API_KEYS"),
    HTTPBearer(auto_error=False, description="The API key as a bearer token"),
)
# Either scheme will do.
REQUIREMENT: list[dict[str, list[str]]] = [{scheme.scheme_name: []} for scheme in SCHEMES]


def checks_role(dependant: Dependant) -> bool:
    return any(isinstance(d.call, CallerRole) or checks_role(d) for d in dependant.dependencies)


def document_security(app: FastAPI) -> None:
    """Make `app.openapi()` mark the key schemes and the operations checking a role."""
    build: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        document = build()
        schemes = {
            scheme.scheme_name: jsonable_encoder(scheme.model, by_alias=True, exclude_none=True)
            for scheme in SCHEMES
        }
        document.setdefault("components", {})["securitySchemes"] = schemes
        for route in iter_route_contexts(app.routes):
            if (
                isinstance(route.original_route, APIRoute)
                and route.include_in_schema
                and checks_role(route.dependant)
            ):
                operations = document["paths"][route.path_format]
                for method in route.methods or ():
                    operations[method.lower()]["security"] = REQUIREMENT
        return document

    app.openapi = openapi  # type: ignore[method-assign]
