"""Inventory nodes and their stock: registration, receipts, counts, transfers, downtime."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from application.commands import (
    AdjustStock,
    ExpectReceipt,
    ReceiveStock,
    ReceiveTransfer,
    RegisterNode,
    ScheduleDowntime,
    SetNodeStatus,
    SetSafetyStock,
    Transfer,
)
from interfaces.api.auth import ADMIN_ONLY, STORE
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.paths import CodePath
from interfaces.api.responses import (
    DowntimeAnswer,
    ExpectedReceiptAnswer,
    NodeAnswer,
    StockAnswer,
    TransferAnswer,
)

router = APIRouter(prefix="/nodes", tags=["nodes"], responses=COMMAND_RESPONSES)


@router.post("", status_code=201, dependencies=[ADMIN_ONLY], response_model=NodeAnswer)
async def register_node(
    body: RegisterNode, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Register a DC, warehouse, store or drop-ship vendor."""
    return await oms.submit(oms.register_node, body, idempotency_key=key)


@router.post("/{code}/receipts", dependencies=[STORE], response_model=StockAnswer)
async def receive_stock(
    code: str, body: ReceiveStock, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Stock arrived at the node; a `reference` naming an expected receipt books it in."""
    return await oms.submit(oms.receive_stock, code, body, idempotency_key=key)


@router.post(
    "/{code}/expected-receipts",
    status_code=201,
    dependencies=[STORE],
    response_model=ExpectedReceiptAnswer,
)
async def expect_receipt(
    code: str, body: ExpectReceipt, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Supply on its way (a purchase order, say): counted in transit until a receipt
    names its `reference`."""
    return await oms.submit(oms.expect_receipt, code, body, idempotency_key=key)


@router.post("/{code}/adjustments", dependencies=[STORE], response_model=StockAnswer)
async def adjust_stock(
    code: str, body: AdjustStock, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """A cycle count (`counted_quantity`) or a correction (`delta`)."""
    return await oms.submit(oms.adjust_stock, code, body, idempotency_key=key)


@router.put("/{code}/safety-stock/{sku}", dependencies=[STORE], response_model=StockAnswer)
async def set_safety_stock(
    code: str, sku: CodePath, body: SetSafetyStock, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    return await oms.submit(oms.set_safety_stock, code, sku, body, idempotency_key=key)


@router.post("/{code}/transfers", dependencies=[STORE], response_model=TransferAnswer)
async def transfer_stock(
    code: str, body: Transfer, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Send stock to another node; it is in transit there until received."""
    return await oms.submit(oms.transfer_stock, code, body, idempotency_key=key)


@router.post(
    "/{code}/transfers/{transfer_id}/receive", dependencies=[STORE], response_model=StockAnswer
)
async def receive_transfer(
    code: str, transfer_id: UUID, body: ReceiveTransfer, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """The receiving node books a transfer in transit into its stock."""
    return await oms.submit(oms.receive_transfer, code, transfer_id, body, idempotency_key=key)


@router.post("/{code}/downtimes", dependencies=[ADMIN_ONLY], response_model=DowntimeAnswer)
async def schedule_downtime(
    code: str, body: ScheduleDowntime, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """The node sources nothing between `starts_at` and `ends_at`."""
    return await oms.submit(oms.schedule_downtime, code, body, idempotency_key=key)


@router.delete(
    "/{code}/downtimes/{downtime_id}", dependencies=[ADMIN_ONLY], response_model=NodeAnswer
)
async def cancel_downtime(
    code: str, downtime_id: UUID, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    return await oms.submit(oms.cancel_downtime, code, downtime_id, idempotency_key=key)


@router.put("/{code}/status", dependencies=[ADMIN_ONLY], response_model=NodeAnswer)
async def set_node_status(
    code: str, body: SetNodeStatus, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Activate or deactivate the node for sourcing and returns."""
    return await oms.submit(oms.set_node_status, code, body, idempotency_key=key)
