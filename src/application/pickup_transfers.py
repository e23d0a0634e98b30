"""A transfer received at a pickup store: the goods of a TRANSFER shipment go to its order.

`receive_transfer` books any transfer in. When the transfer is a TRANSFER shipment still
on its way to this store (the pickup index knows its order), the units the shipment still
carries of the SKU are reserved for it at once (the supply held for it in transit is
filled, safety stock or not: the goods came for this order), and the order records the
SKU's arrival; the last SKU's arrival makes the shipment ready for pickup. What a
cancellation took off the shipment meanwhile stays on the store's shelf, free for others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from uuid import UUID

from domain.node_stock import NodeStock
from domain.order_transfers import transfer_arrived
from domain.values import ShipmentStatus

if TYPE_CHECKING:
    from application.base import OMSBase
    from domain.order import Order


def hand_over(app: OMSBase, stock: NodeStock, transfer_id: UUID) -> Order | None:
    """Hold what a received transfer brought for its pickup order; the order when it was
    changed (None: a plain transfer, or one whose shipment no longer waits for the SKU)."""
    oid = app.pickups.transfer_order(transfer_id)
    if oid is None:
        return None
    order = app.order(oid)
    shipment = order.shipments.get(str(transfer_id))
    waiting = shipment is not None and shipment.status is ShipmentStatus.SHIPPED
    if not waiting or shipment is None or shipment.transfer_to != stock.node_code:
        return None
    if stock.sku not in shipment.waits_for:
        return None
    stock.fill_preorder(str(transfer_id), shipment.quantity(stock.sku), own=True)
    transfer_arrived(order, transfer_id, stock.sku)
    return order
