"""Sourcing rules: the versioned rule set the engine decides by (admin only, read and write)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from application.rules_input import ReplaceSourcingRules
from interfaces.api.auth import ADMIN_ONLY
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.responses import SourcingRulesAnswer, VersionAnswer

router = APIRouter(prefix="/sourcing", tags=["sourcing"], responses=COMMAND_RESPONSES)


@router.put("/rules", dependencies=[ADMIN_ONLY], response_model=VersionAnswer)
async def replace_rules(
    body: ReplaceSourcingRules, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Replace the whole rule set (omitted fields take their defaults); a new version."""
    return await oms.submit(oms.replace_sourcing_rules, body, idempotency_key=key)


@router.get(
    "/rules",
    dependencies=[ADMIN_ONLY],
    response_model=SourcingRulesAnswer,
    # A version stored before a field existed answers without it, as it always did.
    response_model_exclude_unset=True,
)
def current_rules(oms: OMSDep) -> dict[str, Any]:
    """The rule set in force with its `version` (0: the defaults, never replaced)."""
    return oms.sourcing_rules()


@router.get(
    "/rules/{version}",
    dependencies=[ADMIN_ONLY],
    response_model=SourcingRulesAnswer,
    # A version stored before a field existed answers without it, as it always did.
    response_model_exclude_unset=True,
)
def rules_version(
    version: Annotated[int, Path(ge=0, le=2_000_000_000)], oms: OMSDep
) -> dict[str, Any]:
    """An earlier (or the current) version of the rule set."""
    return oms.sourcing_rules(version)
