"""Kit lines on an order: a line for a kit is fulfilled as its components.

A kit line keeps the kit's SKU, price and quantity (in kits); its shipments carry the
component SKUs, `components[c]` units of each per kit. So that every shipped unit belongs
to exactly one line, an order names each SKU once, whether as a line or as a component.

These functions read only the order's `lines` and `shipments`, so the read model's view
of an order (projections.order_view) runs them as the aggregate does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from domain.errors import InvalidRequest
from domain.limits import MAX_QUANTITY
from domain.shipment import LIVE
from domain.values import ShipmentStatus

if TYPE_CHECKING:
    from domain.order_line import OrderLine
    from domain.order_state import OrderState
    from domain.order_values import LineItem

CENT = Decimal("0.01")


def carried(order: OrderState, statuses: frozenset[ShipmentStatus] = LIVE) -> Counter[str]:
    """Units of each shipment SKU in the order's shipments of these statuses."""
    found: Counter[str] = Counter()
    for shipment in order.shipments.values():
        if shipment.status in statuses:
            for sku, qty in shipment.lines.items():  # Counter.update loops in Python too
                found[sku] += qty
    return found


def unsourced(order: OrderState) -> dict[str, int]:
    """Units of each shipment SKU that no live shipment covers."""
    live = carried(order) if order.shipments else {}
    wanted: dict[str, int] = {}
    for line in order.lines.values():
        effective = line.quantity - line.cancelled
        if line.components:
            for sku, per in line.components.items():
                wanted[sku] = effective * per - live.get(sku, 0)
        else:
            wanted[line.sku] = effective - live.get(line.sku, 0)
    return {sku: qty for sku, qty in wanted.items() if qty > 0}


def kits_in(line: OrderLine, units: Mapping[str, int]) -> int:
    """Whole kits (or units of a plain line) that these shipment units make up."""
    return min(units.get(sku, 0) // per for sku, per in line.parts.items())


def kits_touched(line: OrderLine, units: Mapping[str, int]) -> int:
    """Kits of which at least one unit is among these shipment units."""
    return max(-(-units.get(sku, 0) // per) for sku, per in line.parts.items())


def refresh_kit_backorders(order: OrderState) -> None:
    """A kit line's backorder: the kits some of whose units no shipment covers yet."""
    kit_lines = [line for line in order.lines.values() if line.components]
    if not kit_lines:  # most orders: nothing to refresh, nothing to count
        return
    open_units = unsourced(order)
    for line in kit_lines:
        line.backordered = kits_touched(line, open_units)


def in_parts(lines: Mapping[str, OrderLine], quantities: Mapping[str, int]) -> dict[str, int]:
    """Line quantities (kits for a kit line) as units of the SKUs shipments carry."""
    units: Counter[str] = Counter()
    for sku, qty in quantities.items():
        for part, per in lines[sku].parts.items():
            units[part] += qty * per
    return dict(units)


def worth(lines: Mapping[str, OrderLine], units: Mapping[str, int]) -> Decimal:
    """What these shipment units were sold for: a kit's price spread over its units. The
    one rule for goods' money: what a shipment is invoiced and a return refunded."""
    owner = owners(lines.values())
    total = Decimal(0)
    for sku, qty in units.items():
        line = lines[owner[sku]]
        total += line.unit_price * qty / line.units_per
    return total.quantize(CENT, ROUND_HALF_UP)


def owners(lines: Iterable[OrderLine]) -> dict[str, str]:
    """The line each shipment SKU belongs to."""
    return {part: line.sku for line in lines for part in line.parts}


def check_parts(lines: Iterable[LineItem]) -> None:
    """Each SKU once in an order, as a line or a component; no line over MAX_QUANTITY units
    of one SKU."""
    seen: set[str] = set()
    for line in lines:
        components = line.components or {line.sku: 1}
        for sku, per in components.items():
            if sku in seen:
                raise InvalidRequest(
                    f"{sku} appears twice in the order (as a line or in a kit): order it once"
                )
            seen.add(sku)
            if line.quantity * per > MAX_QUANTITY:
                raise InvalidRequest(
                    f"{line.sku}: {line.quantity} kits need more than {MAX_QUANTITY} of {sku}"
                )
