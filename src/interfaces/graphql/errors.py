"""GraphQL errors with a code, and the policy that hides everything else.

A resolver raises `BadUserInput` (or another `CodedError`) for a request it cannot answer;
the client gets the message and `extensions.code`. Any other exception raised while
resolving is logged with its traceback and reaches the client as a generic message with
`extensions.code = INTERNAL_SERVER_ERROR`: no SQL or stack detail leaks out, and nothing
becomes an HTTP 500. A database that cannot be reached (refused, timed out, connection lost)
is `DATABASE_UNAVAILABLE`, with a fixed message: the client may try again shortly. Errors
about the request itself (syntax, validation, limits, variable values) keep their message
and get a code as well.
"""

from __future__ import annotations

from typing import Any, ClassVar

from graphql import GraphQLError, GraphQLSyntaxError

from application.connections import DATABASE_ERRORS
from interfaces.graphql.internals import ErrorHooks

INTERNAL = "INTERNAL_SERVER_ERROR"
DATABASE_UNAVAILABLE = "DATABASE_UNAVAILABLE"


class CodedError(Exception):
    """An error the client may see as it is."""

    code: ClassVar[str] = INTERNAL

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.extensions: dict[str, Any] = {"code": self.code, **extensions}


class BadUserInput(CodedError):
    code = "BAD_USER_INPUT"


class Forbidden(CodedError):
    """The caller's role may not read this field."""

    code = "FORBIDDEN"


class ReadModelUnavailable(CodedError):
    """A projection's tables do not exist yet: no projector has set them up."""

    code = "READ_MODEL_UNAVAILABLE"


def is_masked(error: GraphQLError) -> bool:
    """True for a failure on our side rather than of the request: its text is not shown."""
    original = error.original_error
    return original is not None and not isinstance(original, CodedError | GraphQLError)


def is_database_unavailable(error: GraphQLError) -> bool:
    return isinstance(error.original_error, DATABASE_ERRORS)


def is_unexpected(error: GraphQLError) -> bool:
    """True for a failure of ours that is news (logged with its traceback)."""
    return is_masked(error) and not is_database_unavailable(error)


class ErrorPolicy(ErrorHooks):
    """MaskErrors for our failures; a code on every error."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_masked, error_message="Internal server error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        if is_database_unavailable(error):
            masked.message = "The database is not reachable; try again shortly."
            masked.extensions = {"code": DATABASE_UNAVAILABLE}
        else:
            masked.extensions = {"code": INTERNAL}
        return masked

    def coded(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        for error in errors:
            if not (error.extensions or {}).get("code"):
                code = (
                    "GRAPHQL_PARSE_FAILED"
                    if isinstance(error, GraphQLSyntaxError)
                    else "GRAPHQL_VALIDATION_FAILED"
                )
                error.extensions = {**(error.extensions or {}), "code": code}
        return errors


class FastErrorPolicy(ErrorPolicy):
    """The policy, not looking at results without errors (the fast path)."""

    skip_clean_results = True


_POLICY = ErrorPolicy()


def police(errors: list[GraphQLError]) -> list[GraphQLError]:
    """The errors as the policy lets a client see them (a second pass changes nothing)."""
    return _POLICY.police(errors)
