"""Path parameters shared by the routes."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

from domain.limits import CODE_TEXT, MAX_CODE_LENGTH

# A node code, SKU or customer id in a path: the same rule as application.commands.Code.
CodePath = Annotated[str, Path(min_length=1, max_length=MAX_CODE_LENGTH, pattern=CODE_TEXT)]
