"""Customer accounts: credit limit and payment terms; what they owe, from their orders."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from application.control_inputs import PutCustomer
from interfaces.api.auth import AGENT, allow
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.paths import CodePath
from interfaces.api.responses import CustomerAnswer, CustomerFacts
from interfaces.auth import Role

router = APIRouter(prefix="/customers", tags=["customers"], responses=COMMAND_RESPONSES)


@router.put("/{customer_id}", dependencies=[AGENT], response_model=CustomerAnswer)
async def put_customer(
    customer_id: CodePath, body: PutCustomer, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Open or change a customer's account. With a `credit_limit`, their orders are
    credit-checked; without one (or without an account) they are not."""
    return await oms.submit(oms.put_customer, customer_id, body, idempotency_key=key)


@router.get(
    "/{customer_id}",
    dependencies=[Depends(allow(Role.AGENT, Role.AUDITOR))],
    response_model=CustomerFacts,
)
def get_customer(customer_id: CodePath, oms: OMSDep) -> dict[str, Any]:
    """The account with its balance and what is overdue, as of the last event."""
    return oms.customer(customer_id)
