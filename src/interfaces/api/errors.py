"""Every error the API answers, as `application/problem+json` (RFC 9457).

Domain errors map by class; request validation failures are 422 with the pydantic
errors (loc, msg, type) in `errors`, except a path id that is not a UUID, which is
an unknown id (404). Unknown routes and methods are problem documents too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from application.connections import DATABASE_ERRORS
from domain.errors import ConcurrencyConflict, DomainError, InvalidRequest, NotAllowed, NotFound

MEDIA_TYPE = "application/problem+json"
TYPE_BASE = "https://oms.example/problems/"

log = structlog.get_logger(__name__)

# Most specific first: OutOfStock is a NotAllowed, so it is found as a conflict.
_DOMAIN_STATUS: tuple[tuple[type[DomainError], int, str], ...] = (
    (NotFound, 404, "not-found"),
    (InvalidRequest, 422, "invalid-request"),
    (ConcurrencyConflict, 409, "concurrency-conflict"),
    (NotAllowed, 409, "not-allowed"),
)

_HTTP_TYPES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "body-too-large",
    421: "misdirected-request",
    422: "invalid-request",
    429: "too-many-requests",
    503: "unavailable",
}


class FieldError(BaseModel):
    loc: list[str | int]
    msg: str
    type: str


class Problem(BaseModel):
    """The body of every error response."""

    type: str
    title: str
    status: int
    detail: str
    errors: list[FieldError] | None = None


def problem(
    status: int,
    detail: str,
    *,
    type_: str | None = None,
    errors: list[dict[str, Any]] | None = None,
    headers: dict[str, str] | None = None,
    members: dict[str, Any] | None = None,
) -> JSONResponse:
    """A problem document; `members` are extension members (RFC 9457, section 3.2)."""
    body: dict[str, Any] = {
        **(members or {}),
        "type": TYPE_BASE + (type_ or _HTTP_TYPES.get(status, "error")),
        "title": HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
    }
    if errors is not None:
        body["errors"] = errors
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


@dataclass(frozen=True)
class Refusal:
    """An answer the edge gives before any route sees the request."""

    status: int
    detail: str
    headers: dict[str, str] = field(default_factory=dict)

    def response(self) -> JSONResponse:
        return problem(self.status, self.detail, headers=self.headers)


def problem_schema(description: str) -> dict[str, Any]:
    return {
        "description": description,
        "model": Problem,
        "content": {MEDIA_TYPE: {"schema": {"$ref": "#/components/schemas/Problem"}}},
    }


# Documented on every command route (OpenAPI).
COMMAND_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: problem_schema("Missing or unknown API key"),
    403: problem_schema("The key's role may not do this"),
    404: problem_schema("Unknown id"),
    409: problem_schema("Conflict or a transition not allowed in the current state"),
    422: problem_schema("Invalid input"),
}


def field_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Pydantic errors reduced to JSON-safe {loc, msg, type} (no input echo, no ctx)."""
    return [
        {
            "loc": [p if isinstance(p, int) else str(p) for p in e.get("loc", ())],
            "msg": str(e.get("msg", "")),
            "type": str(e.get("type", "")),
        }
        for e in errors
    ]


def _is_bad_path_id(error: dict[str, Any]) -> bool:
    loc = error.get("loc", ())
    return bool(loc) and loc[0] == "path" and error.get("type") == "uuid_parsing"


async def _domain_error(request: Request, exc: Exception) -> JSONResponse:
    for kind, status, type_ in _DOMAIN_STATUS:
        if isinstance(exc, kind):
            retry = {"Retry-After": "1"} if kind is ConcurrencyConflict else None
            return problem(status, str(exc), type_=type_, headers=retry)
    raise exc  # a DomainError subclass nobody mapped: a bug, surfaced as a 500


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    bad_ids = [e for e in errors if _is_bad_path_id(e)]
    if bad_ids:
        names = ", ".join(str(e["loc"][-1]) for e in bad_ids)
        return problem(404, f"unknown id: {names} is not a UUID", type_="not-found")
    return problem(422, "the request is not valid; see errors", errors=field_errors(errors))


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if exc.status_code == 400:
        # FastAPI's answer to a body json.loads gave up on (nested too deep, a number
        # with thousands of digits): invalid input like any other malformed JSON.
        unreadable = {
            "loc": ["body"],
            "msg": "the body could not be parsed as JSON",
            "type": "json_invalid",
        }
        return problem(422, "the request body is not valid JSON", errors=[unreadable])
    detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"no route {request.method} {request.url.path}"
    if exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
    return problem(exc.status_code, detail, headers=getattr(exc, "headers", None))


async def _database_unavailable(request: Request, exc: Exception) -> JSONResponse:
    log.warning("database unavailable", path=request.url.path, error=repr(exc))
    detail = (
        "the database is not reachable; try again shortly "
        "(a retry with the same Idempotency-Key never applies a command twice)"
    )
    return problem(503, detail, headers={"Retry-After": "5"})


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Runs in Starlette's ServerErrorMiddleware, which re-raises afterwards, so the
    # failure still reaches the server log with its traceback.
    log.error("unhandled error", path=request.url.path, error=repr(exc))
    return problem(500, "internal error; the server log has the details")


def install(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for unavailable in DATABASE_ERRORS:
        app.add_exception_handler(unavailable, _database_unavailable)
    app.add_exception_handler(Exception, _unexpected_error)
