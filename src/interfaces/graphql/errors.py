"""GraphQL errors with a code, and the policy that hides everything else.

A resolver raises `BadUserInput` (or another `CodedError`) for a request it cannot answer;
the client gets the message and `extensions.code`. Any other exception raised while
resolving is logged with its traceback and reaches the client as a generic message with
`extensions.code = INTERNAL_SERVER_ERROR`: no SQL or stack detail leaks out, and nothing
becomes an HTTP 500. Errors about the request itself (syntax, validation, limits,
variable values) keep their message and get a code as well.
"""

from __future__ import annotations

from typing import Any, ClassVar

from graphql import GraphQLError, GraphQLSyntaxError
from strawberry.extensions import MaskErrors

INTERNAL = "INTERNAL_SERVER_ERROR"


class CodedError(Exception):
    """An error the client may see as it is."""

    code: ClassVar[str] = INTERNAL

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.extensions: dict[str, Any] = {"code": self.code, **extensions}


class BadUserInput(CodedError):
    code = "BAD_USER_INPUT"


class ReadModelUnavailable(CodedError):
    """A projection's tables do not exist yet: no projector has set them up."""

    code = "READ_MODEL_UNAVAILABLE"


def is_unexpected(error: GraphQLError) -> bool:
    """True for a failure of ours rather than of the request (those are masked and logged)."""
    original = error.original_error
    return original is not None and not isinstance(original, CodedError | GraphQLError)


class ErrorPolicy(MaskErrors):
    """MaskErrors for unexpected errors; a code on every error that is kept."""

    def __init__(self) -> None:
        super().__init__(should_mask_error=is_unexpected, error_message="Internal server error.")

    def anonymise_error(self, error: GraphQLError) -> GraphQLError:
        masked = super().anonymise_error(error)
        masked.extensions = {"code": INTERNAL}
        return masked

    def _process_result(self, result: object) -> None:
        # The stock check is an isinstance against a runtime Protocol, slow enough to show
        # on every request; most results have no errors to look at.
        if getattr(result, "errors", None):
            super()._process_result(result)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        processed = super()._process_errors(errors)
        for error in processed:
            if not (error.extensions or {}).get("code"):
                code = (
                    "GRAPHQL_PARSE_FAILED"
                    if isinstance(error, GraphQLSyntaxError)
                    else "GRAPHQL_VALIDATION_FAILED"
                )
                error.extensions = {**(error.extensions or {}), "code": code}
        return processed
