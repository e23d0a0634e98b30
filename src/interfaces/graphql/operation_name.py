"""The name a GraphQL request is counted under in the metrics."""

from __future__ import annotations

from graphql import GraphQLSchema, OperationDefinitionNode

from interfaces.graphql import document

ANONYMOUS = "anonymous"
INVALID = "invalid"  # the document could not be parsed, or named no such operation


def operation_name(schema: GraphQLSchema, query: str | None, given: str | None) -> str:
    """The operation the request runs: the name it gave, else the one its document names.

    Only names the document defines count, so a client cannot invent label values that
    its query does not carry (the metrics cap the number of names as well).
    """
    checked = document.cached(schema, query) if query is not None else None
    if checked is None or checked.document is None:
        return INVALID
    operations = [d for d in checked.document.definitions if isinstance(d, OperationDefinitionNode)]
    if given is not None:
        named = [op for op in operations if op.name is not None and op.name.value == given]
        return given if named else INVALID
    if len(operations) != 1:
        return INVALID
    name = operations[0].name
    return name.value if name is not None else ANONYMOUS
