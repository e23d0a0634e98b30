"""What a client's query document may cost: limits first, then parse and validation, cached.

A document is checked once: its size in bytes, its tokens (the parser stops at the limit),
how many fields it selects, then graphql-core's validation with the depth and alias limits,
then its string literals (no control characters, `inputs.py`).
The size limits come before validation because some of its rules grow with the square of the
fields (`{ nodes { code code … } }` with a thousand `code`s takes a tenth of a second).

The outcome, a parsed document or its errors, is kept by schema and query text, so a repeated
query costs a dictionary look-up and gets the very same document object (the compiled fields
of `execution.py` are shared by the identity of its nodes). `OMSSchema.execute` runs a check
that is not cached yet in a worker thread, off the event loop.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from graphql import (
    DocumentNode,
    ExecutableDefinitionNode,
    FieldNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    SelectionSetNode,
    parse,
    specified_rules,
)
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter

from interfaces.graphql.inputs import refused_literals
from interfaces.graphql.internals import validate_document

MAX_BYTES = 10_000  # the full introspection query GraphiQL sends is about 1,700
MAX_TOKENS = 1_000  # ... and about 190 tokens
MAX_FIELDS = 150  # ... and about 80 fields
MAX_DEPTH = 10
MAX_ALIASES = 30
CACHE_SIZE = 512
TOO_LARGE = "QUERY_TOO_LARGE"

# Built once: each limiter instance makes new rule classes.
RULES = (
    *specified_rules,
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
)


@dataclass(frozen=True)
class Checked:
    """A parsed document (None if it could not be parsed) and everything wrong with it."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]


_checked: dict[tuple[GraphQLSchema, str], Checked] = {}
_lock = threading.Lock()


def cached(schema: GraphQLSchema, query: str) -> Checked | None:
    """The outcome of an earlier check of this query, if it is still kept."""
    return _checked.get((schema, query))


def check(schema: GraphQLSchema, query: str) -> Checked:
    """Check the query against the limits and the schema (cached; safe from any thread)."""
    key = (schema, query)
    found = _checked.get(key)
    if found is not None:
        return found
    size = len(query.encode())
    if size > MAX_BYTES:  # not kept: the text alone could fill the memory
        return _too_large(f"The query is {size} bytes long; at most {MAX_BYTES} are allowed.")
    found = _check(schema, query)
    with _lock:
        # Two threads checking the same new query keep the first document.
        found = _checked.setdefault(key, found)
        if len(_checked) > CACHE_SIZE:
            _checked.pop(next(iter(_checked)))
    return found


def _check(schema: GraphQLSchema, query: str) -> Checked:
    try:
        document = parse(query, max_tokens=MAX_TOKENS)
    except GraphQLSyntaxError as error:
        if "more than" in error.message and "tokens" in error.message:
            return _too_large(f"The query has more than {MAX_TOKENS} tokens.")
        return Checked(None, (error,))
    fields = count_fields(document)
    if fields > MAX_FIELDS:
        return _too_large(f"The query selects {fields} fields; at most {MAX_FIELDS} are allowed.")
    errors = validate_document(schema, document, RULES) or refused_literals(document)
    return Checked(document, tuple(errors))


def count_fields(document: DocumentNode) -> int:
    """Field selections written in the document (operations and fragments, each once)."""
    count = 0
    pending: list[SelectionSetNode] = [
        d.selection_set for d in document.definitions if isinstance(d, ExecutableDefinitionNode)
    ]
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                count += 1
            inner = getattr(selection, "selection_set", None)
            if inner is not None:
                pending.append(inner)
    return count


def _too_large(message: str) -> Checked:
    return Checked(None, (GraphQLError(message, extensions={"code": TOO_LARGE}),))
