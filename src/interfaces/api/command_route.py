"""Command routes resolved without FastAPI's generic dependency solver.

A command route takes a JSON body, path and header parameters, and dependencies that read
only the request (the caller's role, the OMS). FastAPI's `solve_dependencies` serves every
kind of parameter there is (overrides, caches, scopes, generators, forms), and on a
placement its generality costs more than the checks it makes. `CommandRoute` is declared
and documented like any `APIRoute`; when its parameters have that plain shape, it
resolves them itself, with the very same fields (each validated by FastAPI's `ModelField`)
and dependencies, and answers through FastAPI's own `serialize_response`.

Everything else goes to FastAPI's handler, which answers it exactly as before: a body that
is not `application/json` or not valid JSON, a parameter that fails validation (the 422 or
404 problem document comes from FastAPI's error), a missing required parameter, dependency
overrides. A dependency's refusal (401, 403) is raised here as it would be there.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Coroutine
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from fastapi import params
from fastapi.datastructures import DefaultPlaceholder
from fastapi.dependencies.models import Dependant
from fastapi.dependencies.utils import (
    _get_param_aliases,
    _get_param_model,
    field_annotation_is_sequence,
)
from fastapi.routing import APIRoute, _effective_route_context_var, serialize_response
from fastapi.utils import is_body_allowed_for_status_code
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response

from interfaces.api.command_shortcuts import SHORTCUTS, CommandShortcuts

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
JSON = "application/json"
# A body FastAPI's handler answers itself (422, or 400 for a client gone): invalid JSON or
# UTF-8 (ValueError), nested past the parser's depth, the client leaving mid-body.
UNREADABLE = (ValueError, RecursionError, ClientDisconnect)


@dataclass(frozen=True)
class Param:
    """A path or header parameter: where it is read, and the field that validates it."""

    field: Any  # fastapi's ModelField
    source: str  # "path_params" or "headers", an attribute of the request
    key: str
    loc: tuple[str, str]


class LeanCommand:
    """The plain shape of a command route, resolved directly (`answer`), or None from
    `answer` when FastAPI's handler must decide."""

    def __init__(self, route: Any, dependencies: list[tuple[str | None, Callable[..., Any]]]):
        dependant: Dependant = route.dependant
        self.call: Callable[..., Any] = dependant.call  # type: ignore[assignment]
        self.dependencies = dependencies
        self.params = [_param(f, "path_params") for f in dependant.path_params] + [
            _param(f, "headers") for f in dependant.header_params
        ]
        self.body_field = route.body_field
        self.response_field = route.response_field
        self.status_code: int | None = route.status_code
        self.overrides = route.dependency_overrides_provider
        self.serialization = {
            "include": route.response_model_include,
            "exclude": route.response_model_exclude,
            "by_alias": route.response_model_by_alias,
            "exclude_unset": route.response_model_exclude_unset,
            "exclude_defaults": route.response_model_exclude_defaults,
            "exclude_none": route.response_model_exclude_none,
        }

    @classmethod
    def of(cls, route: Any) -> LeanCommand | None:
        """The lean resolution of `route`, or None if its shape is not the plain one."""
        dependant: Dependant = route.dependant
        dependencies = [_request_only(d) for d in dependant.dependencies]
        plain = (
            inspect.iscoroutinefunction(dependant.call)
            and _takes_nothing_else(dependant)
            and not dependant.query_params
            and not dependant.cookie_params
            and all(d is not None for d in dependencies)
            and all(_plain_param(f) for f in dependant.path_params + dependant.header_params)
            and len(dependant.body_params) <= 1
            and not route._embed_body_fields
            and (route.body_field is None or type(route.body_field.field_info) is params.Body)
            and route.response_field is not None
            and isinstance(route.response_class, DefaultPlaceholder)
            and not route.is_sse_stream
            and not route.is_json_stream
            and is_body_allowed_for_status_code(route.status_code)
        )
        return cls(route, dependencies) if plain else None  # type: ignore[arg-type]

    async def answer(self, request: Request) -> Response | None:
        if self.overrides is not None and self.overrides.dependency_overrides:
            return None
        body: Any = None
        if self.body_field is not None:
            if request.headers.get("content-type") != JSON:
                return None
            try:  # what is read stays on the request, should FastAPI's handler decide
                if not await request.body():
                    return None
                body = await request.json()
            except UNREADABLE:
                return None
        values: dict[str, Any] = {}
        for name, dependency in self.dependencies:
            solved = await dependency(request)
            if name is not None:
                values[name] = solved
        for param in self.params:
            if not _resolved(param, getattr(request, param.source).get(param.key), values):
                return None
        if self.body_field is not None:
            value, errors = self.body_field.validate(body, values, loc=("body",))
            if errors:
                return None
            values[self.body_field.name] = value
        return await self._respond(await self.call(**values))

    async def _respond(self, raw: Any) -> Response:
        if isinstance(raw, Response):
            return raw
        content = await serialize_response(
            field=self.response_field, response_content=raw, dump_json=True, **self.serialization
        )
        # Without a status of its own, the route answers with `Response`'s default (200).
        if self.status_code is None:
            return Response(content=content, media_type=JSON)
        return Response(content=content, media_type=JSON, status_code=self.status_code)


def _resolved(param: Param, raw: Any, values: dict[str, Any]) -> bool:
    """Put the parameter's value in `values`; False when only FastAPI can answer (an
    invalid value, a missing required one)."""
    field = param.field
    if raw is None:
        if field.field_info.is_required() or field.field_info.validate_default:
            return False
        values[field.name] = deepcopy(field.default)
        return True
    value, errors = field.validate(raw, values, loc=param.loc)
    if errors:
        return False
    values[field.name] = value
    return True


def _param(field: Any, source: str) -> Param:
    ((_, key),) = _get_param_aliases(field)
    return Param(field, source, key, (field.field_info.in_.value, key))


def _plain_param(field: Any) -> bool:
    """One value under one name (no list, no model of parameters)."""
    return (
        len(_get_param_aliases(field)) == 1
        and _get_param_model(field) is None
        and not field_annotation_is_sequence(field.field_info.annotation)
    )


def _is_async(call: Callable[..., Any]) -> bool:
    """A coroutine function, or an object whose `__call__` is one (a `CallerRole`)."""
    return inspect.iscoroutinefunction(call) or inspect.iscoroutinefunction(type(call).__call__)


def _takes_nothing_else(dependant: Dependant) -> bool:
    return not (
        dependant.http_connection_param_name
        or dependant.websocket_param_name
        or dependant.response_param_name
        or dependant.background_tasks_param_name
        or dependant.security_scopes_param_name
        or dependant.request_param_name
    )


def _request_only(dependant: Dependant) -> tuple[str | None, Callable[..., Any]] | None:
    """A dependency called with the request alone, as `(name, call)`; None otherwise."""
    call = dependant.call
    plain = (
        call is not None
        and _is_async(call)
        and dependant.request_param_name is not None
        and not dependant.dependencies
        and not (dependant.path_params or dependant.query_params or dependant.header_params)
        and not (dependant.cookie_params or dependant.body_params)
        and not dependant.own_oauth_scopes
        and dependant.concurrency is None
    )
    if not plain:
        return None
    name: str = dependant.request_param_name  # type: ignore[assignment]

    async def solve(request: Request) -> Any:
        return await call(**{name: request})  # type: ignore[misc]

    return dependant.name, solve


class CommandRoute(APIRoute):
    """An `APIRoute` whose plain commands skip FastAPI's generic dependency solver."""

    def get_route_handler(self) -> Handler:
        full = super().get_route_handler()
        # Included in an app, FastAPI builds the handler for the route's effective
        # context (prefix, the including router's dependencies): resolve that one.
        context = _effective_route_context_var.get()
        route = context if context is not None and context.original_route is self else self
        lean = LeanCommand.of(route)
        if lean is None:
            return full

        async def handler(request: Request) -> Response:
            answered = await lean.answer(request)
            if answered is None:
                return await full(request)
            shortcuts: CommandShortcuts | None = request.scope.get(SHORTCUTS)
            if shortcuts is not None:
                shortcuts.remember(request.scope, route, lean)
            return answered

        return handler
