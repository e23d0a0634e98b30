"""The GraphQL schema: Query and Subscription, with limits, caches and the error policy."""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLError, parse
from strawberry.extensions import MaxAliasesLimiter, QueryDepthLimiter, SchemaExtension
from strawberry.schema.schema import validate_document
from strawberry.types import ExecutionContext

from interfaces.graphql.consistency import ConsistencyExtension
from interfaces.graphql.errors import ErrorPolicy, is_unexpected
from interfaces.graphql.execution import FastExecutionContext
from interfaces.graphql.query import Query
from interfaces.graphql.subscription import Subscription

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5000
CACHE_SIZE = 512
# Built once: the validation cache is keyed by the rule classes, and each limiter instance
# makes new ones, so a limiter per request would never hit the cache.
LIMITS = (
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
)


class DocumentPolicy(SchemaExtension):
    """The limits on a document, and caches of its parse and its validation, in one hook set.

    One extension instead of four (AddValidationRules, MaxTokensLimiter, ParserCache,
    ValidationCache): strawberry sets up every extension's hooks on every request, which
    costs more than the work of these. Validation results are cached by the query text
    (the document is that text parsed, the rules are fixed), so a repeated query neither
    hashes its document tree nor validates it again.

    A syntax error is left uncached and unparsed, so strawberry parses the document again
    and reports the error itself, inside the operation and the error policy.
    """

    def on_operation(self) -> Iterator[None]:
        context = self.execution_context
        context.parse_options["max_tokens"] = MAX_TOKENS
        context.validation_rules = (*context.validation_rules, *LIMITS)
        yield

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        if context.query is not None:
            with contextlib.suppress(GraphQLError):
                context.graphql_document = _cached_parse(context.query, **context.parse_options)
        yield

    def on_validate(self) -> Iterator[None]:
        context = self.execution_context
        document = context.graphql_document
        if document is not None and context.query is not None:
            key = (context.schema._schema, context.query, context.validation_rules)
            errors = _validated.get(key)
            if errors is None:
                errors = validate_document(key[0], document, key[2])
                if len(_validated) >= CACHE_SIZE:
                    _validated.pop(next(iter(_validated)), None)
                _validated[key] = errors
            context.pre_execution_errors = errors
        yield


_cached_parse = functools.lru_cache(maxsize=CACHE_SIZE)(parse)
_validated: dict[tuple[Any, str, tuple[Any, ...]], list[GraphQLError]] = {}


class OMSSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log our own failures (with traceback); the client's mistakes are not news."""
        super().process_errors([e for e in errors if is_unexpected(e)], execution_context)


def build_schema() -> strawberry.Schema:
    extensions: list[Any] = [
        DocumentPolicy,
        ConsistencyExtension,
        ErrorPolicy,
    ]
    return OMSSchema(
        query=Query,
        subscription=Subscription,
        extensions=extensions,
        execution_context_class=FastExecutionContext,
    )


schema = build_schema()
