"""Lifecycle guards: what an order may no longer do in the state it is in.

Each guard raises the domain error the edges map to an HTTP status (NotAllowed: 409,
InvalidRequest: 422) and records nothing, so a refused command leaves no trace.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from typing import TYPE_CHECKING

from domain.errors import InvalidRequest, NotAllowed
from domain.shipment import OPEN
from domain.values import OrderStatus, ShipmentStatus

if TYPE_CHECKING:
    from domain.order import Order

# Shipments that left the node but have not arrived: the order is not done with them.
IN_FLIGHT = frozenset({ShipmentStatus.SHIPPED})


def refuse_if_cancelled(order: Order, action: str) -> None:
    """A cancelled order cannot be held, paid or changed."""
    if order.status is OrderStatus.CANCELLED:
        raise NotAllowed(f"order {order.id} is cancelled: cannot {action}")


def check_closable(order: Order, open_returns: Collection[object] = ()) -> None:
    """An order closes only when nothing is left to do: no open quantity, no shipment
    still open or in flight, no return still open."""
    if any(s.status in OPEN for s in order.shipments.values()) or order.to_source():
        raise NotAllowed(f"order {order.id} still has open quantities")
    if any(s.status in IN_FLIGHT for s in order.shipments.values()):
        raise NotAllowed(f"order {order.id} has a shipment in flight: deliver it first")
    if open_returns:
        raise NotAllowed(f"order {order.id} has {len(open_returns)} open return(s)")


def check_known_skus(skus: Iterable[str], known: Callable[[str], bool]) -> None:
    """Every SKU ordered must be one the network knows (stocked or expected somewhere, or
    a kit): an unknown one is a mistake, not a backorder that no receipt would fill."""
    unknown = [sku for sku in skus if not known(sku)]
    if unknown:
        raise InvalidRequest(
            f"unknown SKU {', '.join(sorted(unknown))}: no node has ever stocked or expected it "
            "and it is no kit"
        )
