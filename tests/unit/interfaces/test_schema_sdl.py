"""The committed SDL is the schema the code builds."""

import re

from interfaces.graphql.sdl import REGENERATE, SDL_PATH, current_sdl


def test_the_committed_sdl_matches_the_schema() -> None:
    committed = SDL_PATH.read_text()
    assert committed == current_sdl(), (
        f"The GraphQL schema changed but {SDL_PATH.name} was not updated. "
        f"Review the change, then run `{REGENERATE}` and commit the file."
    )


def without_descriptions(sdl: str) -> str:
    """The SDL with its descriptions left out and each argument list on one line."""
    bare = re.sub(r'[ \t]*"""[\s\S]*?"""\n', "", sdl)
    bare = re.sub(r'^[ \t]*"[^"\n]*"\n', "", bare, flags=re.M)
    return re.sub(
        r"\(\n([^)]*)\n\s*\)",
        lambda args: (
            "(" + ", ".join(a.strip() for a in args.group(1).splitlines() if a.strip()) + ")"
        ),
        bare,
    )


def test_the_sdl_has_the_contract_query_fields() -> None:
    sdl = without_descriptions(current_sdl())
    for field in (
        "order(id: ID!): Order",
        "orders(filter: OrderFilter = null, first: Int = 20, after: String = null)",
        "stock(sku: String!): SkuStock",
        "nodeStock(nodeCode: String!",
        "availability(sku: String!, quantity: Int!, near: GeoPointInput = null, radiusKm: Float",
        "node(code: String!): Node",
        "nodes(type: NodeType = null): [Node!]!",
        "return(id: ID!): Return",
        "returns(orderId: ID = null",
        "projections: [ProjectionStatus!]!",
        "orderUpdates(id: ID!): Order!",
    ):
        assert field in sdl, field
