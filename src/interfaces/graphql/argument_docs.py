"""The GraphQL arguments the schema shares, each with the description GraphiQL shows."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

import strawberry

from interfaces.graphql.types.enums import Channel, NodeType, ReturnStatus, ShipmentStatus
from interfaces.graphql.types.geo_point_input import GeoPointInput
from interfaces.graphql.types.order_filter import OrderFilter
from interfaces.graphql.types.promise_input import DeliveryInput, SkuQuantityInput


def _doc(description: str) -> object:
    return strawberry.argument(description=description)


OrderId = Annotated[strawberry.ID, _doc("The order's id (a UUID).")]
OptionalOrderId = Annotated[strawberry.ID | None, _doc("Only this order's (a UUID).")]
ReturnId = Annotated[strawberry.ID, _doc("The return's id (a UUID).")]
CustomerId = Annotated[strawberry.ID, _doc("The customer's id, as orders carry it.")]
OptionalCustomerId = Annotated[strawberry.ID | None, _doc("Only this customer's invoices.")]
Sku = Annotated[str, _doc("The stock keeping unit.")]
NodeCode = Annotated[str, _doc("The node's code.")]
At = Annotated[datetime, _doc("The instant to look back to; without an offset, UTC.")]
AsOf = Annotated[date | None, _doc("The day to count for; default today (UTC).")]
First = Annotated[int | None, _doc("How many at most (0-100).")]
After = Annotated[str | None, _doc("Start after this cursor (a page's endCursor).")]
Filter = Annotated[OrderFilter | None, _doc("Only orders matching every given field.")]
Quantity = Annotated[int, _doc("Units the node must have available.")]
Near = Annotated[GeoPointInput | None, _doc("Where the customer is; sorts by distance.")]
RadiusKm = Annotated[float | None, _doc("Only nodes within this many km of `near`.")]
SellingChannel = Annotated[Channel | None, _doc("Only nodes this channel may sell from.")]
Statuses = Annotated[list[ShipmentStatus] | None, _doc("Only shipments in these statuses.")]
ReturnStatusFilter = Annotated[ReturnStatus | None, _doc("Only returns in this status.")]
OfType = Annotated[NodeType | None, _doc("Only nodes of this type.")]
OrderChannel = Annotated[Channel, _doc("The sales channel the order would come through.")]
PromiseDelivery = Annotated[DeliveryInput, _doc("How and where it would be delivered.")]
PromiseLines = Annotated[list[SkuQuantityInput], _doc("The SKUs and how many of each.")]
RequestedDate = Annotated[date | None, _doc("The delivery date asked for (sets onTime).")]
