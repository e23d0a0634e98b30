"""projections: how far each read model has got, and whether one is failing."""

from __future__ import annotations

from anyio import to_thread

from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.positions import positions
from interfaces.graphql.types.projection_status import ProjectionStatus


async def projections(ctx: GraphQLContext) -> list[ProjectionStatus]:
    runner = ctx.runner
    if runner is not None:
        statuses = await to_thread.run_sync(runner.status)
        errors = runner.errors
        return [
            ProjectionStatus.from_row(s.name, s.position, s.head, errors.get(s.name))
            for s in statuses
        ]
    found = await positions(ctx.pool)
    head = await to_thread.run_sync(ctx.log_head) if ctx.log_head else max(found.values())
    return [
        ProjectionStatus.from_row(name, position, head, None) for name, position in found.items()
    ]
