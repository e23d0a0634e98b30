"""Customer accounts: credit limit and payment terms; what they owe, from their orders."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from application.control_inputs import PutCustomer
from interfaces.api.auth import ADMIN_ONLY, AGENT, allow
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.paths import CodePath
from interfaces.api.responses import CustomerAnswer, CustomerFacts, ErasureAnswer
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


@router.delete(
    "/{customer_id}/personal-data", dependencies=[ADMIN_ONLY], response_model=ErasureAnswer
)
def erase_personal_data(
    customer_id: CodePath, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Erase the customer's names, emails and addresses everywhere: the keys they are sealed
    under are destroyed, so they read back as `"[erased]"` in every event, read model, view
    and export, while every event, amount and stock movement stays (and `oms audit verify`
    still passes). Repeating it changes nothing; an unknown customer is 404. Works for a
    customer with or without an account: orders name their customer either way."""
    return oms.erase_personal_data(customer_id, idempotency_key=key)
