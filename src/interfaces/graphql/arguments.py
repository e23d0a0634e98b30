"""Checking arguments: ids, page sizes and opaque cursors. Bad ones are BAD_USER_INPUT."""

from __future__ import annotations

import base64
import binascii
from uuid import UUID

from domain.limits import refused_character
from interfaces.graphql.errors import BadUserInput

DEFAULT_PAGE = 20
MAX_PAGE = 100


def parse_id(value: str, argument: str = "id") -> UUID:
    try:
        return UUID(str(value))
    except ValueError:
        raise BadUserInput(f"{argument} {value!r} is not a UUID", argument=argument) from None


def page_size(first: int | None, argument: str = "first") -> int:
    size = DEFAULT_PAGE if first is None else first
    if not 0 <= size <= MAX_PAGE:
        raise BadUserInput(
            f"{argument} must be between 0 and {MAX_PAGE}, not {size}",
            argument=argument,
            maximum=MAX_PAGE,
        )
    return size


SEPARATOR = "\x1f"  # unit separator: never inside a timestamp, UUID or SKU


def encode_cursor(*values: str) -> str:
    """An opaque cursor holding the sort key of a row."""
    return base64.urlsafe_b64encode(SEPARATOR.join(values).encode()).decode()


def decode_cursor(cursor: str, length: int, argument: str = "after") -> list[str]:
    """The values `encode_cursor` packed, or BAD_USER_INPUT for anything else."""
    try:
        values = base64.urlsafe_b64decode(cursor.encode()).decode().split(SEPARATOR)
    except (binascii.Error, ValueError):
        values = []
    if len(values) != length or not all(values) or any(map(refused_character, values)):
        raise BadUserInput(f"{argument} is not a cursor this field gave out", argument=argument)
    return values
