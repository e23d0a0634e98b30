"""Customer accounts: credit limit and payment terms; what they owe, from their orders."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path

from application.control_inputs import PutCustomer
from application.settings import Role
from interfaces.api.auth import AGENT, allow
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.responses import CustomerAnswer, CustomerFacts

router = APIRouter(prefix="/customers", tags=["customers"], responses=COMMAND_RESPONSES)

# Same rule as application.commands.Code (the `customer.id` orders carry).
CustomerId = Annotated[
    str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
]


@router.put("/{customer_id}", dependencies=[AGENT], response_model=CustomerAnswer)
def put_customer(
    customer_id: CustomerId, body: PutCustomer, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Open or change a customer's account. With a `credit_limit`, their orders are
    credit-checked; without one (or without an account) they are not."""
    return oms.put_customer(customer_id, body, idempotency_key=key)


@router.get(
    "/{customer_id}",
    dependencies=[Depends(allow(Role.AGENT, Role.AUDITOR))],
    response_model=CustomerFacts,
)
def get_customer(customer_id: CustomerId, oms: OMSDep) -> dict[str, Any]:
    """The account with its balance and what is overdue, as of the last event."""
    return oms.customer(customer_id)
