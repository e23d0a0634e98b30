"""Dependencies shared by the routes, as `Annotated` types."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from application.oms import OMS
from application.settings import Settings
from interfaces.api.auth import CurrentRole

__all__ = ["CurrentRole", "IdempotencyKey", "OMSDep", "SettingsDep"]


def get_oms(request: Request) -> OMS:
    oms: OMS = request.app.state.oms
    return oms


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


OMSDep = Annotated[OMS, Depends(get_oms)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

IdempotencyKey = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        min_length=1,
        max_length=200,
        description="A retry with the same key returns the first answer instead of "
        "repeating the command; the same key with a different request is a 409.",
    ),
]
