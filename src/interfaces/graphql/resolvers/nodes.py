"""node(code) and nodes(type): inventory nodes' master data."""

from __future__ import annotations

from domain.values import NodeType
from interfaces.graphql.context import GraphQLContext
from interfaces.graphql.db import fetch_all
from interfaces.graphql.types.node import Node

ALL = "SELECT * FROM stock.nodes ORDER BY code"
OF_TYPE = "SELECT * FROM stock.nodes WHERE node_type = %s ORDER BY code"


async def node(ctx: GraphQLContext, code: str) -> Node | None:
    row = await ctx.loaders.nodes.load(code)
    return Node.from_row(row) if row else None


async def nodes(ctx: GraphQLContext, type: NodeType | None) -> list[Node]:
    rows = await (fetch_all(ctx.pool, OF_TYPE, (type.value,)) if type else fetch_all(ctx.pool, ALL))
    return [Node.from_row(row) for row in rows]
