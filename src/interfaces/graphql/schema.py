"""The GraphQL schema: Query and Subscription, with limits, caches and the error policy."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.types import ExecutionContext

from interfaces.graphql.consistency import ConsistencyExtension
from interfaces.graphql.errors import ErrorPolicy, is_unexpected
from interfaces.graphql.query import Query
from interfaces.graphql.subscription import Subscription

MAX_DEPTH = 10
MAX_ALIASES = 30
MAX_TOKENS = 5000
CACHE_SIZE = 512
# Built once: the validation cache is keyed by the rule classes, and each limiter instance
# makes new ones, so a limiter per request would never hit the cache.
LIMITS = [
    *QueryDepthLimiter(max_depth=MAX_DEPTH).validation_rules,
    *MaxAliasesLimiter(max_alias_count=MAX_ALIASES).validation_rules,
]


class ReportingParserCache(ParserCache):
    """ParserCache whose syntax errors reach the client like any request error.

    The stock hook raises them outside the operation, past the error policy; here a bad
    document is left unparsed, so strawberry parses it again and reports the error itself.
    """

    def on_parse(self) -> Iterator[None]:
        context = self.execution_context
        with contextlib.suppress(GraphQLError):
            context.graphql_document = self.cached_parse_document(
                context.query, **context.parse_options
            )
        yield


class OMSSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        """Log our own failures (with traceback); the client's mistakes are not news."""
        super().process_errors([e for e in errors if is_unexpected(e)], execution_context)


def build_schema() -> strawberry.Schema:
    extensions: list[Any] = [
        lambda: AddValidationRules(LIMITS),
        lambda: MaxTokensLimiter(max_token_count=MAX_TOKENS),
        lambda: ReportingParserCache(maxsize=CACHE_SIZE),
        lambda: ValidationCache(maxsize=CACHE_SIZE),
        ConsistencyExtension,
        ErrorPolicy,
    ]
    return OMSSchema(query=Query, subscription=Subscription, extensions=extensions)


schema = build_schema()
