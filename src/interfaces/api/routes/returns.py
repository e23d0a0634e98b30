"""Returns: authorisation, receipt, inspection, refund or exchange, close, cancel."""

from __future__ import annotations

from typing import Annotated, Any
from uuid import UUID

from fastapi import APIRouter, Body

from application.commands import (
    CancelReturn,
    CreateReturn,
    Exchange,
    InspectReturn,
    ReceiveReturn,
    Refund,
)
from interfaces.api.auth import ADMIN_ONLY, AGENT, STORE
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.responses import ExchangeAnswer, ReturnAnswer

router = APIRouter(prefix="/returns", tags=["returns"], responses=COMMAND_RESPONSES)


@router.post("", status_code=201, dependencies=[AGENT], response_model=ReturnAnswer)
async def create_return(
    body: CreateReturn, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Authorise a return of delivered goods; MAIL returns get a label."""
    return await oms.submit(oms.create_return, body, idempotency_key=key)


@router.post("/{return_id}/receive", dependencies=[STORE], response_model=ReturnAnswer)
async def receive_return(
    return_id: UUID, body: ReceiveReturn, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """The goods arrived at a node that takes returns (BORIS: any such store)."""
    return await oms.submit(oms.receive_return, return_id, body, idempotency_key=key)


@router.post("/{return_id}/inspect", dependencies=[STORE], response_model=ReturnAnswer)
async def inspect_return(
    return_id: UUID, body: InspectReturn, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """A disposition for every unit; RESTOCK puts it back on hand at the receiving node."""
    return await oms.submit(oms.inspect_return, return_id, body, idempotency_key=key)


@router.post("/{return_id}/refund", dependencies=[ADMIN_ONLY], response_model=ReturnAnswer)
async def refund_return(
    return_id: UUID,
    oms: OMSDep,
    body: Annotated[Refund | None, Body()] = None,
    key: IdempotencyKey = None,
) -> dict[str, Any]:
    """Refund the returned goods' value, or `amount` when given (a credit memo)."""
    return await oms.submit(oms.refund_return, return_id, body or Refund(), idempotency_key=key)


@router.post("/{return_id}/exchange", dependencies=[ADMIN_ONLY], response_model=ExchangeAnswer)
async def exchange_return(
    return_id: UUID, body: Exchange, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Send replacements as a new order at no charge."""
    return await oms.submit(oms.exchange_return, return_id, body, idempotency_key=key)


@router.post("/{return_id}/close", dependencies=[ADMIN_ONLY], response_model=ReturnAnswer)
async def close_return(return_id: UUID, oms: OMSDep, key: IdempotencyKey = None) -> dict[str, Any]:
    """Close a refunded or exchanged return (extension of the contract)."""
    return await oms.submit(oms.close_return, return_id, idempotency_key=key)


@router.post("/{return_id}/cancel", dependencies=[AGENT], response_model=ReturnAnswer)
async def cancel_return(
    return_id: UUID, body: CancelReturn, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Cancel an authorised return before its goods arrive (extension of the contract)."""
    return await oms.submit(oms.cancel_return, return_id, body.reason, idempotency_key=key)
