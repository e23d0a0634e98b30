"""Hold rules: which orders wait (credit, fraud, address) before they may be fulfilled."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from application.control_inputs import PutHoldRules
from interfaces.api.auth import ADMIN_ONLY, allow
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.responses import HoldRules, HoldRulesAnswer
from interfaces.auth import Role

router = APIRouter(prefix="/holds/rules", tags=["holds"], responses=COMMAND_RESPONSES)
READERS = [Depends(allow(Role.AGENT, Role.AUDITOR))]


@router.put("", dependencies=[ADMIN_ONLY], response_model=HoldRulesAnswer)
async def put_hold_rules(
    body: PutHoldRules, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Replace the hold rules; placements and order edits from now on are judged by them."""
    return await oms.submit(oms.put_hold_rules, body, idempotency_key=key)


@router.get("", dependencies=READERS, response_model=HoldRules)
def get_hold_rules(oms: OMSDep) -> dict[str, Any]:
    """The rules in force and their version (0: the default set)."""
    return oms.hold_rules()


@router.get("/{version}", dependencies=READERS, response_model=HoldRules)
def get_hold_rules_version(
    version: Annotated[int, Path(ge=0, le=2_000_000_000)], oms: OMSDep
) -> dict[str, Any]:
    return oms.hold_rules(version)
