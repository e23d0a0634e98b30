"""Kits: a SKU sold as a set of components, defined in versions like other rules data."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from application.commands import DefineKit
from interfaces.api.auth import ADMIN_ONLY, CurrentRole
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.paths import CodePath
from interfaces.api.responses import KitAnswer, KitFacts

router = APIRouter(prefix="/kits", tags=["kits"], responses=COMMAND_RESPONSES)


@router.put("/{sku}", dependencies=[ADMIN_ONLY], response_model=KitAnswer)
async def define_kit(
    sku: CodePath, body: DefineKit, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Define (or change) a kit: its components and whether they ship together from one
    node. A change is a new version; orders already placed keep the version they took."""
    return await oms.submit(oms.define_kit, sku, body, idempotency_key=key)


@router.get("/{sku}", response_model=KitFacts)
def kit(sku: CodePath, oms: OMSDep, _: CurrentRole) -> dict[str, Any]:
    """The kit as defined now, with its version."""
    return oms.kit(sku)
