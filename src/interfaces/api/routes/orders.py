"""Orders: placement, cancellation, holds, changes after placement, payments."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from application.commands import (
    Address,
    CancelOrder,
    ChangeLine,
    Line,
    PlaceHold,
    PlaceOrder,
    RecordPayment,
)
from domain.values import HoldType
from interfaces.api.auth import AGENT
from interfaces.api.command_route import CommandRoute
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.paths import CodePath
from interfaces.api.responses import OrderAnswer, PaymentAnswer

router = APIRouter(
    prefix="/orders",
    tags=["orders"],
    responses=COMMAND_RESPONSES,
    dependencies=[AGENT],
    route_class=CommandRoute,
)


@router.post("", status_code=201, response_model=OrderAnswer)
async def place_order(body: PlaceOrder, oms: OMSDep, key: IdempotencyKey = None) -> dict[str, Any]:
    """Place an order and source it: shipments per node, backorders for the rest.

    A retry with the same `Idempotency-Key` (or the same channel and `external_ref`)
    returns the first answer and places nothing new.
    """
    return await oms.submit(oms.place_order, body, idempotency_key=key)


@router.post("/{order_id}/cancel", response_model=OrderAnswer)
async def cancel_order(
    order_id: UUID, body: CancelOrder, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Cancel the whole order, or only the given `lines` (partial cancellation)."""
    return await oms.submit(oms.cancel_order, order_id, body, idempotency_key=key)


@router.post("/{order_id}/holds", response_model=OrderAnswer)
async def place_hold(
    order_id: UUID, body: PlaceHold, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Hold fulfilment (credit, fraud, address check, customer request)."""
    return await oms.submit(oms.place_hold, order_id, body, idempotency_key=key)


@router.post("/{order_id}/holds/{hold_type}/release", response_model=OrderAnswer)
async def release_hold(
    order_id: UUID, hold_type: HoldType, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    return await oms.submit(oms.release_hold, order_id, hold_type, idempotency_key=key)


@router.put("/{order_id}/address", response_model=OrderAnswer)
async def change_address(
    order_id: UUID, body: Address, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Change the delivery address before any shipment is picked."""
    return await oms.submit(oms.change_address, order_id, body, idempotency_key=key)


@router.post("/{order_id}/lines", response_model=OrderAnswer)
async def add_line(
    order_id: UUID, body: Line, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Add a line after placement; it is sourced at once."""
    return await oms.submit(oms.add_line, order_id, body, idempotency_key=key)


@router.patch("/{order_id}/lines/{sku}", response_model=OrderAnswer)
async def change_line(
    order_id: UUID, sku: CodePath, body: ChangeLine, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Change a line's quantity: less releases stock, more is sourced."""
    return await oms.submit(oms.change_line, order_id, sku, body, idempotency_key=key)


@router.post("/{order_id}/payments", response_model=PaymentAnswer)
async def record_payment(
    order_id: UUID, body: RecordPayment, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    return await oms.submit(oms.record_payment, order_id, body, idempotency_key=key)


@router.post("/{order_id}/close", response_model=OrderAnswer)
async def close_order(order_id: UUID, oms: OMSDep, key: IdempotencyKey = None) -> dict[str, Any]:
    """Close an order with nothing left open (extension of the contract)."""
    return await oms.submit(oms.close_order, order_id, idempotency_key=key)
