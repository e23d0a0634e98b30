"""The GraphQL schema: Query and Subscription, with limits, caches and the error policy."""

from __future__ import annotations

import functools
import logging
import time
from collections.abc import Iterator
from typing import Any

import strawberry
from anyio import CapacityLimiter, to_thread
from graphql import GraphQLError, parse
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext, ExecutionResult

from interfaces.graphql import document
from interfaces.graphql.consistency import ConsistencyExtension
from interfaces.graphql.errors import (
    ErrorPolicy,
    FastErrorPolicy,
    is_database_unavailable,
    is_unexpected,
    police,
)
from interfaces.graphql.execution import FastExecutionContext
from interfaces.graphql.inputs import refused_variables
from interfaces.graphql.internals import core_schema
from interfaces.graphql.operation_name import operation_name
from interfaces.graphql.query import Query
from interfaces.graphql.subscription import Subscription

log = logging.getLogger(__name__)

# New documents are checked one at a time: however many arrive together, the event loop
# shares the interpreter with one checking thread only.
_CHECKING = CapacityLimiter(1)

# Stands in for a document that could not be parsed: strawberry then skips its own parse
# and answers with the errors the check found.
_UNPARSED = parse("{ __typename }")


class DocumentPolicy(SchemaExtension):
    """Hands strawberry the checked document (`document.check`): parsed, limited, validated.

    One extension instead of four (AddValidationRules, MaxTokensLimiter, ParserCache,
    ValidationCache): strawberry sets up every extension's hooks on every request, which
    costs more than the work of these. The variables' strings are checked here, on every
    request (`inputs.py`); the document's own strings are checked with the document.
    """

    def __init__(self) -> None:
        self._errors: list[GraphQLError] | None = None

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None:
            checked = document.check(core_schema(context.schema), context.query)
            context.graphql_document = checked.document or _UNPARSED
            self._errors = list(checked.errors)
        yield

    def on_validate(self) -> Iterator[None]:
        if self._errors is not None:
            context = self.execution_context
            context.pre_execution_errors = self._errors or refused_variables(context.variables)
        yield


class OMSSchema(strawberry.Schema):
    # Whether resolvers may take the fast path too (lookahead on the syntax tree, direct
    # batch loads); set by `build_schema`.
    fast_path = True

    async def execute(self, query: str | None, *args: Any, **kwargs: Any) -> ExecutionResult:
        """Strawberry's execute, with a new document checked off the event loop.

        Parse and validation are plain CPU work: done on the loop, one large document
        would hold up every other request of the process (`/health` included) meanwhile.
        Errors are policed once more at the end, for those raised outside the resolvers
        (by an extension reading the database, say), which strawberry returns as they are.
        """
        if (
            query is not None
            and len(query) <= document.MAX_BYTES
            and document.cached(core_schema(self), query) is None
        ):
            await to_thread.run_sync(document.check, core_schema(self), query, limiter=_CHECKING)
        started = time.perf_counter()
        result = await super().execute(query, *args, **kwargs)
        if result.errors:
            result.errors = police(result.errors)
        observe = getattr(kwargs.get("context_value"), "observe_operation", None)
        if observe is not None:
            name = operation_name(core_schema(self), query, kwargs.get("operation_name"))
            observe(name, time.perf_counter() - started, bool(result.errors))
        return result

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log our own failures (with traceback); the client's mistakes are not news."""
        for error in errors:
            if is_database_unavailable(error):
                log.warning("database unavailable: %r", error.original_error)
        super().process_errors([e for e in errors if is_unexpected(e)], execution_context)


def build_schema(*, fast_path: bool = True) -> OMSSchema:
    """The schema; `fast_path=False` (`OMS_GRAPHQL_FAST_PATH=false`) runs graphql-core's
    and strawberry's own paths only, with none of the uses in `internals.py` marked
    "fast path": slower, and what to compare with when a library upgrade misbehaves."""
    extensions: list[Any] = [
        DocumentPolicy,
        ConsistencyExtension,
        FastErrorPolicy if fast_path else ErrorPolicy,
    ]
    built = OMSSchema(
        query=Query,
        subscription=Subscription,
        extensions=extensions,
        execution_context_class=FastExecutionContext if fast_path else None,
    )
    built.fast_path = fast_path
    return built


schema = build_schema()


@functools.cache
def schema_for(*, fast_path: bool) -> OMSSchema:
    """The schema with the fast path on or off (built once each)."""
    return schema if fast_path else build_schema(fast_path=False)
