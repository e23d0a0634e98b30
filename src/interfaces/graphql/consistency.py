"""Read-your-writes: `X-OMS-Consistent-After: <position>` waits for the read models.

Every REST command answers with the log position of its last event. A GraphQL request
carrying that position waits (at most `GraphQLContext.consistency_timeout`) until every
projection has applied it, then runs; the response says how it went in
`extensions.consistency = {requested, reached, waitedMs, stale}`. A request that has to
wait tells the projectors once, so they apply the position without waiting out their
batch gap (`projections.wanted`). A value that is not a non-negative integer is a
BAD_USER_INPUT error and the query does not run.
"""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from anyio import to_thread
from graphql import ExecutionResult, GraphQLError
from strawberry.extensions import SchemaExtension

from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.errors import BadUserInput
from interfaces.graphql.positions import ask_for, reached
from interfaces.graphql.read_signal import after

HEADER = "X-OMS-Consistent-After"
POLL_INTERVAL = 0.01  # seconds, when neither a runner in process nor a signal tells


@dataclass(frozen=True)
class Consistency:
    requested: int
    reached: int
    waited_ms: float

    @property
    def stale(self) -> bool:
        return self.reached < self.requested

    def as_dict(self) -> dict[str, Any]:
        return {
            "requested": self.requested,
            "reached": self.reached,
            "waitedMs": round(self.waited_ms, 1),
            "stale": self.stale,
        }


def parse_position(value: str) -> int:
    text = value.strip()
    if not (text.isascii() and text.isdigit()):
        raise BadUserInput(
            f"{HEADER} must be a log position (an integer >= 0), not {value!r}", header=HEADER
        )
    return int(text)


async def wait_for(ctx: GraphQLContext, position: int) -> Consistency:
    """Wait until the read models reach `position` or the timeout passes."""
    started = time.monotonic()
    deadline = started + ctx.consistency_timeout
    change = ctx.next_read_model_change()
    now = await reached(ctx.pool)
    if now < position and ctx.runner is not None:
        ctx.runner.hurry(position)
        await to_thread.run_sync(ctx.runner.wait_until, position, ctx.consistency_timeout)
        now = await reached(ctx.pool)
    elif now < position:
        await ask_for(ctx.pool, position)
    while now < position and (left := deadline - time.monotonic()) > 0:
        await after(change, poll=min(POLL_INTERVAL, left), longest=left)
        change = ctx.next_read_model_change()
        now = await reached(ctx.pool)
    return Consistency(position, now, (time.monotonic() - started) * 1000)


class ConsistencyExtension(SchemaExtension):
    """Waits before execution when the request carries the header; reports afterwards."""

    def __init__(self) -> None:
        self.report: Consistency | None = None

    async def on_execute(self) -> AsyncIterator[None]:
        ctx = self.execution_context.context
        request = getattr(ctx, "request", None)
        value = request.headers.get(HEADER) if request is not None else None
        if value is not None and isinstance(ctx, GraphQLContext):
            try:
                self.report = await wait_for(ctx, parse_position(value))
            except BadUserInput as error:
                self.execution_context.result = ExecutionResult(
                    data=None, errors=[GraphQLError(str(error), extensions=error.extensions)]
                )
        yield

    def get_results(self) -> dict[str, Any]:
        return {"consistency": self.report.as_dict()} if self.report else {}
