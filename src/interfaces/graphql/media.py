"""GraphQL over HTTP: `application/graphql-response+json` for clients that accept it.

A client whose `Accept` header prefers (or equally accepts) that media type gets it, and
a request that never reached execution (it does not parse or validate, its variables do
not fit, it is too large, or its consistency header is not a position) is answered 400
without a `data` entry, as the GraphQL-over-HTTP spec asks. Everyone else gets
`application/json` exactly as before: 200, with `"data": null` for such failures.
"""

from __future__ import annotations

from typing import Any

from strawberry.types import ExecutionResult

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
# Codes of errors that stop a request before execution (`errors.py`, `document.py`).
REQUEST_ERRORS = frozenset(
    {"GRAPHQL_PARSE_FAILED", "GRAPHQL_VALIDATION_FAILED", "BAD_USER_INPUT", "QUERY_TOO_LARGE"}
)


class Answer(dict[str, Any]):
    """A GraphQL response body with the media type and status to send it with."""

    media_type = JSON
    status_code: int | None = None


def wants_graphql_response(accept: str) -> bool:
    """Whether `Accept` ranks application/graphql-response+json at least as high as
    application/json (absent: never; `*/*` alone: application/json, as before)."""
    quality: dict[str, float] = {}
    for part in accept.split(","):
        kind, *params = (piece.strip() for piece in part.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0
        quality[kind.lower()] = max(q, quality.get(kind.lower(), 0.0))
    preferred = quality.get(GRAPHQL_RESPONSE, 0.0)
    return preferred > 0 and preferred >= quality.get(JSON, 0.0)


def is_request_error(result: ExecutionResult) -> bool:
    """Nothing was executed: no data, and every error is about the request itself."""
    return (
        result.data is None
        and bool(result.errors)
        and all(
            error.path is None and (error.extensions or {}).get("code") in REQUEST_ERRORS
            for error in result.errors or []
        )
    )


def answer(body: dict[str, Any], result: ExecutionResult, accept: str) -> Answer:
    """`body` (strawberry's processed result) as the client asked for it."""
    found = Answer(body)
    if wants_graphql_response(accept):
        found.media_type = GRAPHQL_RESPONSE
        if is_request_error(result):
            found.pop("data", None)
            found.status_code = 400
    return found
