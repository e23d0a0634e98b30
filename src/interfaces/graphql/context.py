"""What every resolver gets in `info.context`: the read pool, the loaders, the projections."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol

from strawberry.fastapi import BaseContext
from strawberry.types import Info as StrawberryInfo

from interfaces.graphql.db import ReadPool, Row
from interfaces.graphql.loaders import Loaders
from interfaces.graphql.read_signal import ReadModelSignal

if TYPE_CHECKING:
    from application.audit import AuditLog
    from application.promise_input import PromiseRequest
    from interfaces.auth import Role
    from interfaces.graphql.lookahead import Selection
    from interfaces.graphql.types.order import Order
    from projections.runner import ProjectionRunner

CONSISTENCY_TIMEOUT = 2.0  # seconds a request may wait for X-OMS-Consistent-After


class LoadOrders(Protocol):
    """Builds `Order`s with the nested parts `level` selects (`order_loading.load_orders`).

    Handed in by whoever makes the context: it builds the `Order` and `Return` types, and a
    return's `order` field needs it, so the types cannot import it themselves.
    """

    async def __call__(
        self, ctx: GraphQLContext, rows: Sequence[Row], level: Sequence[Selection]
    ) -> list[Order]: ...


class GraphQLContext(BaseContext):
    """One per HTTP request (or per WebSocket connection).

    `load_orders` builds orders with their nested parts; `runner` is the in-process
    projection runner, or None when `oms project` workers keep the read models current;
    `log_head` gives the event log's head position if known; `signal`, if any, wakes
    waiters when a read model moves on. `role` is the caller's
    (None in development mode); `audit` reads the event store for auditors and `promise`
    runs the sourcing engine without reserving, when this process has a write side.
    """

    def __init__(
        self,
        pool: ReadPool,
        *,
        load_orders: LoadOrders,
        cache: bool = True,
        runner: ProjectionRunner | None = None,
        log_head: Callable[[], int] | None = None,
        consistency_timeout: float = CONSISTENCY_TIMEOUT,
        signal: ReadModelSignal | None = None,
        role: Role | None = None,
        audit: AuditLog | None = None,
        promise: Callable[[PromiseRequest], dict[str, Any]] | None = None,
    ) -> None:
        super().__init__()
        self.pool = pool
        self.signal = signal
        self.loaders = Loaders(pool, cache=cache)
        self.load_orders = load_orders
        self.runner = runner
        self.log_head = log_head
        self.consistency_timeout = consistency_timeout
        self.role = role
        self.audit = audit
        self.promise = promise
        # A WebSocket whose handshake carried no API key waits for it in connection_init.
        self.awaiting_key = False
        # (operation name, seconds, failed) after each operation, for the metrics.
        self.observe_operation: Callable[[str, float, bool], None] | None = None

    def next_read_model_change(self) -> asyncio.Event | None:
        """See `ReadModelSignal.next_change`; None without a listening signal."""
        return self.signal.next_change() if self.signal is not None else None


Info = StrawberryInfo[GraphQLContext, None]
