from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Annotated, Any
from uuid import UUID

import strawberry

from interfaces.graphql.context import Info
from interfaces.graphql.db import Row
from interfaces.graphql.lookahead import below
from interfaces.graphql.types.enums import ReturnMethod, ReturnStatus, by_value
from interfaces.graphql.types.return_label import ReturnLabel
from interfaces.graphql.types.return_line import ReturnLine

if TYPE_CHECKING:
    from interfaces.graphql.types.order import Order

RETURN_STATUS = by_value(ReturnStatus)
RETURN_METHOD = by_value(ReturnMethod)


@strawberry.type(description="A return (RMA) as the returns read model holds it.")
class Return:
    id: strawberry.ID = strawberry.field(description="The return id (a UUID).")
    order_id: strawberry.ID = strawberry.field(description="The order the goods came from.")
    status: ReturnStatus = strawberry.field(description="Where the return stands.")
    method: ReturnMethod = strawberry.field(description="By MAIL or at a STORE.")
    node_code: str | None = strawberry.field(description="The store named for a store return.")
    received_node: str | None = strawberry.field(description="Where it was received.")
    label: ReturnLabel | None = strawberry.field(
        description="The carrier label of a mail return; null otherwise."
    )
    refund_amount: Decimal | None = strawberry.field(description="Amount refunded, once refunded.")
    exchange_order_id: strawberry.ID | None = strawberry.field(
        description="The replacement order of an exchange."
    )
    cancel_reason: str | None = strawberry.field(description="Why it was cancelled, if it was.")
    authorized_at: datetime = strawberry.field(description="When it was authorised.")
    received_at: datetime | None = strawberry.field(description="When the goods arrived.")
    inspected_at: datetime | None = strawberry.field(description="When they were inspected.")
    refunded_at: datetime | None = strawberry.field(description="When it was refunded.")
    exchanged_at: datetime | None = strawberry.field(
        description="When the replacements were ordered."
    )
    closed_at: datetime | None = strawberry.field(description="When it was closed.")
    cancelled_at: datetime | None = strawberry.field(description="When it was cancelled.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    return_id: strawberry.Private[UUID]
    order_uuid: strawberry.Private[UUID]
    # Set on a return read as of an instant (orderAsOf): its lines and order then.
    as_of_lines: strawberry.Private[list[Row] | None] = None
    as_of_order: strawberry.Private[Any] = None  # an Order (a type that refers back to this one)

    @classmethod
    def from_row(cls, row: Row) -> Return:
        """From a `returns.returns` row."""
        exchange = row["exchange_order_id"]
        return cls(
            id=strawberry.ID(str(row["return_id"])),
            return_id=row["return_id"],
            order_id=strawberry.ID(str(row["order_id"])),
            order_uuid=row["order_id"],
            status=RETURN_STATUS(row["status"]),
            method=RETURN_METHOD(row["method"]),
            node_code=row["node_code"],
            received_node=row["received_node"],
            label=ReturnLabel.from_row(row),
            refund_amount=row["refund_amount"],
            exchange_order_id=strawberry.ID(str(exchange)) if exchange else None,
            cancel_reason=row["cancel_reason"],
            authorized_at=row["authorized_at"],
            received_at=row["received_at"],
            inspected_at=row["inspected_at"],
            refunded_at=row["refunded_at"],
            exchanged_at=row["exchanged_at"],
            closed_at=row["closed_at"],
            cancelled_at=row["cancelled_at"],
            updated_at=row["updated_at"],
        )

    @strawberry.field(description="The returned SKUs.")
    async def lines(self, info: Info) -> list[ReturnLine]:
        rows = self.as_of_lines
        if rows is None:
            rows = await info.context.loaders.return_lines.load(self.return_id)
        return [ReturnLine.from_row(row) for row in rows]

    @strawberry.field(description="The order the goods came from.")
    async def order(
        self, info: Info
    ) -> Annotated[Order, strawberry.lazy("interfaces.graphql.types.order")] | None:
        if self.as_of_order is not None:
            return self.as_of_order
        row = await info.context.loaders.orders.load(self.order_uuid)
        if row is None:
            return None
        [order] = await info.context.load_orders(info.context, [row], below(info))
        return order
