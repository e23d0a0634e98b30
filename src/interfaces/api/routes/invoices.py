"""Invoices: written off when they will not be paid."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from application.control_inputs import WriteOff
from interfaces.api.auth import ADMIN_ONLY
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.responses import WriteOffAnswer

router = APIRouter(prefix="/invoices", tags=["invoices"], responses=COMMAND_RESPONSES)

InvoiceNumber = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9\-]+$")]


@router.post(
    "/{invoice_number}/write-off", dependencies=[ADMIN_ONLY], response_model=WriteOffAnswer
)
async def write_off(
    invoice_number: InvoiceNumber, body: WriteOff, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Write off what is still open on the invoice; the customer's balance falls by it."""
    return await oms.submit(oms.write_off, invoice_number, body, idempotency_key=key)
