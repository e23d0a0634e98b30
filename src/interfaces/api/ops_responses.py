"""What the operational routes answer (`/health`, `/ready`), as response models."""

from __future__ import annotations

from typing import Literal

from interfaces.api.responses import Answer


class Health(Answer):
    status: Literal["ok"]


class ProjectionState(Answer):
    name: str
    position: int
    lag: int
    error: str | None
    failed_at: str | None


class Ready(Answer):
    """Ready; callers with an API key also see the head and each read model."""

    status: Literal["ready"]
    head: int | None = None
    max_lag: int | None = None
    projections: list[ProjectionState] | None = None
