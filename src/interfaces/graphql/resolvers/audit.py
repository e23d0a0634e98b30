"""orderHistory, orderAsOf and stockAsOf: auditors' reads of the event store itself.

They go to the event store by design (not to the read models), through the OMS application
of the process, in a worker thread (the eventsourcing library is synchronous). Only the
auditor and admin roles may ask (anyone in development mode).
"""

from __future__ import annotations

from datetime import datetime

from anyio import to_thread

from application.audit import AuditLog
from interfaces.audit_reads import order_as_of as order_rows_as_of
from interfaces.auth import Role
from interfaces.graphql.arguments import parse_id
from interfaces.graphql.as_of import order_from_rows, sku_stock_from
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.errors import CodedError, Forbidden
from interfaces.graphql.types.order import Order
from interfaces.graphql.types.order_event import OrderEvent
from interfaces.graphql.types.sku_stock import SkuStock

AUDITORS = frozenset({Role.AUDITOR, Role.ADMIN})


class EventStoreUnavailable(CodedError):
    code = "EVENT_STORE_UNAVAILABLE"


async def order_history(ctx: GraphQLContext, id: str) -> list[OrderEvent]:
    audit, order_id = _audit(ctx), parse_id(id)
    events = await to_thread.run_sync(audit.order_history, order_id)
    return [OrderEvent.from_logged(e) for e in events]


async def order_as_of(ctx: GraphQLContext, id: str, at: datetime) -> Order | None:
    audit, order_id = _audit(ctx), parse_id(id)
    rows = await to_thread.run_sync(order_rows_as_of, audit, order_id, at)
    return order_from_rows(rows) if rows is not None else None


async def stock_as_of(ctx: GraphQLContext, sku: str, at: datetime) -> SkuStock | None:
    audit = _audit(ctx)
    found = await to_thread.run_sync(audit.stock_as_of, sku, at)
    if not found:
        return None
    rules = await to_thread.run_sync(audit.channel_rules_as_of, at)
    return sku_stock_from(sku, found, rules)


def _audit(ctx: GraphQLContext) -> AuditLog:
    if ctx.role is not None and ctx.role not in AUDITORS:
        raise Forbidden(f"role {ctx.role.value!r} may not read the audit log (auditor, admin)")
    if ctx.audit is None:
        raise EventStoreUnavailable("this process serves no event store to audit")
    return ctx.audit
