"""The root Query type: each field documents itself and delegates to a resolver module."""

from __future__ import annotations

import strawberry

from interfaces.graphql.argument_docs import (
    After,
    AsOf,
    At,
    CustomerId,
    Filter,
    First,
    Near,
    NodeCode,
    OfType,
    OptionalCustomerId,
    OptionalOrderId,
    OrderChannel,
    OrderId,
    PromiseDelivery,
    PromiseLines,
    Quantity,
    RadiusKm,
    RequestedDate,
    ReturnId,
    ReturnStatusFilter,
    SellingChannel,
    Sku,
    Statuses,
)
from interfaces.graphql.arguments import DEFAULT_PAGE
from interfaces.graphql.context import Info
from interfaces.graphql.resolvers import (
    audit,
    availability,
    nodes,
    orders,
    projections,
    promise,
    receivables,
    returns,
    shipments,
    stock,
)
from interfaces.graphql.types.customer_account import CustomerAccount
from interfaces.graphql.types.node import Node
from interfaces.graphql.types.node_availability import NodeAvailability
from interfaces.graphql.types.node_stock_connection import NodeStockConnection
from interfaces.graphql.types.order import Order
from interfaces.graphql.types.order_connection import OrderConnection
from interfaces.graphql.types.order_event import OrderEvent
from interfaces.graphql.types.projection_status import ProjectionStatus
from interfaces.graphql.types.promise import DeliveryPromise
from interfaces.graphql.types.receivables import Receivables
from interfaces.graphql.types.return_ import Return
from interfaces.graphql.types.shipment import Shipment
from interfaces.graphql.types.sku_stock import SkuStock

PAGE = "At most 100 (BAD_USER_INPUT above)."
AUDIT = "Auditor and admin roles only (FORBIDDEN otherwise)."


@strawberry.type(description="Reads of the OMS read models. Unknown ids give null.")
class Query:
    @strawberry.field(description="One order; null if unknown, BAD_USER_INPUT if not a UUID.")
    async def order(self, info: Info, id: OrderId) -> Order | None:
        return await orders.order(info, id)

    @strawberry.field(description=f"Orders matching the filter, newest first. {PAGE}")
    async def orders(
        self,
        info: Info,
        filter: Filter = None,
        first: First = DEFAULT_PAGE,
        after: After = None,
    ) -> OrderConnection:
        return await orders.orders(info, filter, first, after)

    @strawberry.field(
        description="Every stored event of the order and of its returns, oldest first, with "
        f"who caused it; [] if unknown. Reads the event store. {AUDIT}"
    )
    async def order_history(self, info: Info, id: OrderId) -> list[OrderEvent]:
        return await audit.order_history(info.context, id)

    @strawberry.field(
        description="The order as it stood at `at`, folded from the events stored up to then "
        f"(no offset: UTC); null before it was placed. Reads the event store. {AUDIT}"
    )
    async def order_as_of(self, info: Info, id: OrderId, at: At) -> Order | None:
        return await audit.order_as_of(info.context, id, at)

    @strawberry.field(description="Stock of a SKU across the network; null if never stocked.")
    async def stock(self, info: Info, sku: Sku) -> SkuStock | None:
        return await stock.stock(info.context, sku)

    @strawberry.field(
        description="Stock of a SKU across the network as it stood at `at` (no offset: UTC), "
        f"folded from the event store; null if no node held it then. {AUDIT}"
    )
    async def stock_as_of(self, info: Info, sku: Sku, at: At) -> SkuStock | None:
        return await audit.stock_as_of(info.context, sku, at)

    @strawberry.field(description=f"One node's stock, by SKU. {PAGE}")
    async def node_stock(
        self, info: Info, node_code: NodeCode, first: First = DEFAULT_PAGE, after: After = None
    ) -> NodeStockConnection:
        return await stock.node_stock(info.context, node_code, first, after)

    @strawberry.field(
        description="Store finder (BOPIS): active nodes with PICKUP capability, not in a "
        "downtime, holding at least `quantity` available, within `radiusKm` of `near`, "
        f"nearest first. `channel` keeps the nodes that channel may sell from. {PAGE}"
    )
    async def availability(
        self,
        info: Info,
        sku: Sku,
        quantity: Quantity,
        near: Near = None,
        radius_km: RadiusKm = None,
        channel: SellingChannel = None,
        first: First = DEFAULT_PAGE,
    ) -> list[NodeAvailability]:
        return await availability.availability(
            info.context, sku, quantity, near, radius_km, channel, first
        )

    @strawberry.field(
        description="A node's shipments (in these statuses), oldest allocation first: the "
        f"node's work queue. {PAGE}"
    )
    async def shipments(
        self,
        info: Info,
        node_code: NodeCode,
        status: Statuses = None,
        first: First = DEFAULT_PAGE,
    ) -> list[Shipment]:
        return await shipments.shipments(info.context, node_code, status, first)

    @strawberry.field(description="One inventory node; null if unknown.")
    async def node(self, info: Info, code: NodeCode) -> Node | None:
        return await nodes.node(info.context, code)

    @strawberry.field(description="Every inventory node (of one type), by code.")
    async def nodes(self, info: Info, type: OfType = None) -> list[Node]:
        return await nodes.nodes(info.context, type)

    @strawberry.field(name="return", description="One return; null if unknown.")
    async def return_(self, info: Info, id: ReturnId) -> Return | None:
        return await returns.return_(info.context, id)

    @strawberry.field(
        description="The returns of an order (oldest first), or without `orderId` the "
        f"`first` most recently updated returns. {PAGE}"
    )
    async def returns(
        self,
        info: Info,
        order_id: OptionalOrderId = None,
        status: ReturnStatusFilter = None,
        first: First = DEFAULT_PAGE,
    ) -> list[Return]:
        return await returns.returns(info.context, order_id, status, first)

    @strawberry.field(
        description="A customer's account and what they owe; null if they have neither an "
        "account nor orders. Invoices are aged as of `asOf` (default: today, UTC)."
    )
    async def customer(
        self, info: Info, id: CustomerId, as_of: AsOf = None
    ) -> CustomerAccount | None:
        return await receivables.customer(info.context, str(id), as_of)

    @strawberry.field(
        description="Open invoices aged by days past due (0-30, 31-60, 61-90, 90+) as of "
        "`asOf` (default: today, UTC), for every customer or one."
    )
    async def receivables(
        self, info: Info, customer_id: OptionalCustomerId = None, as_of: AsOf = None
    ) -> Receivables:
        cid = str(customer_id) if customer_id is not None else None
        return await receivables.receivables(info.context, cid, as_of)

    @strawberry.field(
        name="promise",
        description="What the sourcing rules in force would do with this order now: shipments "
        "with ship and delivery dates, backorders and the explanation, as `POST /promise`. "
        "Runs the placement engine on the write side's stock; reserves nothing.",
    )
    async def promise_(
        self,
        info: Info,
        channel: OrderChannel,
        delivery: PromiseDelivery,
        lines: PromiseLines,
        requested_date: RequestedDate = None,
    ) -> DeliveryPromise:
        return await promise.promise(info.context, channel, delivery, lines, requested_date)

    @strawberry.field(description="How far each read model has got through the event log.")
    async def projections(self, info: Info) -> list[ProjectionStatus]:
        return await projections.projections(info.context)
