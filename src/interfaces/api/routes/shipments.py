"""Fulfilment steps of an order's shipments, one route per step."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter

from application.commands import RejectShipment, ScanShipment, ShipShipment
from interfaces.api.auth import STORE
from interfaces.api.deps import IdempotencyKey, OMSDep
from interfaces.api.errors import COMMAND_RESPONSES
from interfaces.api.responses import OrderAnswer

router = APIRouter(
    prefix="/orders/{order_id}/shipments/{shipment_id}",
    tags=["shipments"],
    responses=COMMAND_RESPONSES,
    dependencies=[STORE],
)

# Steps without a body, and what each one means.
_PLAIN_STEPS = {
    "pick": "The node picked the goods (pick list issued).",
    "pack": "The goods are packed (packing slip issued).",
    "deliver": "The carrier delivered the shipment.",
    "ready-for-pickup": "A pickup order's goods wait at the store (BOPIS).",
    "collect": "The customer collected a pickup order; the store's stock falls.",
}


def _step_endpoint(step: str) -> Any:
    async def endpoint(
        order_id: UUID, shipment_id: UUID, oms: OMSDep, key: IdempotencyKey = None
    ) -> dict[str, Any]:
        return await oms.submit(
            oms.step_shipment, order_id, shipment_id, step, None, idempotency_key=key
        )

    endpoint.__name__ = f"{step.replace('-', '_')}_shipment"
    return endpoint


for _step, _doc in _PLAIN_STEPS.items():
    router.add_api_route(
        f"/{_step}",
        _step_endpoint(_step),
        methods=["POST"],
        response_model=OrderAnswer,
        summary=f"{_step.replace('-', ' ').capitalize()} shipment",
        description=_doc,
    )


@router.post("/ship", response_model=OrderAnswer)
async def ship_shipment(
    order_id: UUID, shipment_id: UUID, body: ShipShipment, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """Hand the shipment to a carrier: label, invoice, and the node's stock falls."""
    return await oms.submit(
        oms.step_shipment, order_id, shipment_id, "ship", body, idempotency_key=key
    )


@router.post("/reject", response_model=OrderAnswer)
async def reject_shipment(
    order_id: UUID, shipment_id: UUID, body: RejectShipment, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """The node cannot fulfil: its stock is freed and the lines are re-sourced."""
    return await oms.submit(oms.reject_shipment, order_id, shipment_id, body, idempotency_key=key)


@router.post("/scans", response_model=OrderAnswer)
async def scan_shipment(
    order_id: UUID, shipment_id: UUID, body: ScanShipment, oms: OMSDep, key: IdempotencyKey = None
) -> dict[str, Any]:
    """A carrier scan (IN_TRANSIT, OUT_FOR_DELIVERY, DELIVERED, EXCEPTION) of a shipped
    shipment, with the carrier's time and place; DELIVERED delivers the shipment."""
    return await oms.submit(oms.scan_shipment, order_id, shipment_id, body, idempotency_key=key)
