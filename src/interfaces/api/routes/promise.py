"""Delivery promise: the plan the sourcing rules would choose now, with dates."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from application.promise_input import PromiseRequest
from interfaces.api.auth import CurrentRole
from interfaces.api.deps import OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.promise_responses import PromiseAnswer

router = APIRouter(tags=["sourcing"], responses=COMMAND_RESPONSES)


@router.post("/promise", response_model=PromiseAnswer)
def promise(body: PromiseRequest, oms: OMSDep, _: CurrentRole) -> dict[str, Any]:
    """Shipments with ship and delivery dates, backorders and the explanation.

    Runs the same engine as placement under the rules in force; reserves nothing.
    """
    return oms.promise(body)
