"""Every reach into strawberry's and graphql-core's internals, in one module.

The GraphQL fast path (`execution.py`, `compiled.py`, `lookahead.py`, `order_loading.py`)
and the error policy (`errors.py`) lean on parts of both libraries that are private or
changed between releases. Each use is here, with what it relies on. They were proven on
the versions pinned in pyproject.toml (strawberry-graphql 0.341.2, graphql-core 3.3.2);
before moving either pin, read this module and run the GraphQL suites, which run both
with the fast path and without it (`OMS_GRAPHQL_FAST_PATH=false` uses none of the uses
marked "fast path" below).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping, Sequence
from enum import Enum
from typing import Any

import strawberry
from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLLeafType,
    GraphQLObjectType,
    GraphQLSchema,
    Undefined,
)
from strawberry.dataloader import DataLoader
from strawberry.extensions import MaskErrors

# strawberry.schema.schema's module-level `validate_document` (not exported by strawberry)
# is the validation strawberry itself runs; the document check uses it to match.
from strawberry.schema.schema import (
    StrawberryGraphQLCoreExecutionContext,
    validate_document,
)
from strawberry.schema.schema_converter import GraphQLCoreConverter

__all__ = [
    "ErrorHooks",
    "HookedExecutionContext",
    "batch_load",
    "core_schema",
    "describe_enum_values",
    "enum_members",
    "field_node",
    "field_nodes",
    "plain_attribute",
    "plain_details",
    "validate_document",
]


def core_schema(schema: strawberry.Schema) -> GraphQLSchema:
    """graphql-core's schema behind a strawberry schema (private `Schema._schema`)."""
    core: GraphQLSchema = schema._schema
    return core


def field_nodes(info: Any) -> tuple[list[FieldNode], Mapping[str, FragmentDefinitionNode]]:
    """Fast path. The current field's syntax nodes and the document's fragments, from
    graphql-core's resolve info, which strawberry's `Info` keeps as private `_raw_info`
    (its public `selected_fields` converts the whole subtree on every call)."""
    raw = info._raw_info
    return raw.field_nodes, raw.fragments


async def batch_load(loader: DataLoader[Hashable, Any], keys: Sequence[Hashable]) -> list[Any]:
    """Fast path. The loader's batch function called directly (its `load_fn` attribute, the
    constructor argument), without one future per key; items may be exceptions."""
    return list(await loader.load_fn(list(keys)))


def plain_attribute(field_def: GraphQLField) -> str | None:
    """Fast path. The attribute a field reads when its resolver is strawberry's plain
    attribute read, else None. Relies on strawberry marking that resolver `_is_default`
    and keeping the field's definition under `GraphQLCoreConverter.DEFINITION_BACKREF`
    in the graphql-core field's extensions (`is_basic_field`, `default_resolver`,
    `python_name`)."""
    if field_def.args or not getattr(field_def.resolve, "_is_default", False):
        return None
    definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if definition is None or not definition.is_basic_field:
        return None
    if getattr(definition, "default_resolver", getattr) is not getattr:
        return None
    return str(definition.python_name)


def enum_members(leaf: GraphQLLeafType) -> Iterable[Any] | None:
    """Fast path. A strawberry enum's Python members (its graphql-core type's
    `wrapped_cls`, set by strawberry's converter); None for any other leaf type."""
    members = getattr(leaf, "wrapped_cls", None)
    return members if isinstance(leaf, GraphQLEnumType) and members is not None else None


def field_node(details: Any) -> FieldNode:
    """Fast path. The syntax node of graphql-core 3.3's `FieldDetails` (its `node`)."""
    node: FieldNode = details.node
    return node


def describe_enum_values(enum: type[Enum], descriptions: Mapping[str, str]) -> None:
    """Give the values of an enum `strawberry.enum` has just wrapped their descriptions.

    The enum comes from the domain, which cannot use `strawberry.enum_value`; this sets
    `description` on the `EnumValue`s of its `__strawberry_definition__` (a dataclass
    strawberry builds once and converts into every schema)."""
    for value in enum.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = descriptions.get(value.name)


def plain_details(details: Any) -> bool:
    """Fast path. Whether one of graphql-core 3.3's `FieldDetails` (attributes `node`,
    `defer_usage`, `fragment_variable_values`) is a field with no arguments, directives,
    deferral or fragment variables."""
    node = details.node
    return not (
        node.arguments
        or node.directives
        or details.defer_usage is not None
        or details.fragment_variable_values is not None
    )


class HookedExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Fast path. graphql-core 3.3's execution context (as strawberry subclasses it) with
    two hooks a subclass fills in: `plain_field` and `plain_object` answer a field or an
    object's selected fields at once, or give Undefined to let graphql-core do it.

    Relies on the 3.3 signatures of `execute_field(parent_type, source,
    field_details_list, path, ...)`, `collect_and_execute_subfields(return_type,
    field_details_list, path, result, ...)` and `collect_subfields` (a tuple whose first
    two items are the grouped fields and the new defer usages), on `fragments` holding
    `FragmentDetails` (`.definition`), and on `middleware_manager`.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self.without_middleware = manager is None or not manager.middlewares

    def plain_field(self, parent_type: GraphQLObjectType, source: Any, group: Any) -> Any:
        return Undefined

    def plain_object(self, object_type: GraphQLObjectType, group: Any, value: Any) -> Any:
        return Undefined

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        value = self.plain_field(parent_type, source, field_details_list)
        if value is not Undefined:
            return value
        return super().execute_field(parent_type, source, field_details_list, path, *args, **kwargs)

    def collect_and_execute_subfields(
        self,
        return_type: GraphQLObjectType,
        field_details_list: Any,
        path: Any,
        result: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        value = self.plain_object(return_type, field_details_list, result)
        if value is not Undefined:
            return value
        return super().collect_and_execute_subfields(
            return_type, field_details_list, path, result, *args, **kwargs
        )

    def subfields(self, object_type: GraphQLObjectType, group: Any) -> dict[str, Any] | None:
        """The fields selected on `object_type`, grouped by response key; None if some
        are deferred."""
        grouped, new_defer_usages, *_ = self.collect_subfields(object_type, group)
        return None if new_defer_usages else dict(grouped)

    def fragment_nodes(self) -> list[FragmentDefinitionNode]:
        return [details.definition for details in self.fragments.values()]


class ErrorHooks(MaskErrors):
    """strawberry's MaskErrors through its private hooks `_process_result` (every result)
    and `_process_errors` (the list of errors, masked): `coded` sees every processed
    error list, `police` runs the same processing on errors raised outside resolvers.

    With `skip_clean_results` (fast path), a result without errors is not looked at:
    MaskErrors's own check is an isinstance against a runtime Protocol, slow enough to
    show on every request.
    """

    skip_clean_results = False

    def coded(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return errors

    def police(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return self._process_errors(errors)

    def _process_result(self, result: object) -> None:
        if self.skip_clean_results and not getattr(result, "errors", None):
            return
        super()._process_result(result)

    def _process_errors(self, errors: list[GraphQLError]) -> list[GraphQLError]:
        return self.coded(super()._process_errors(errors))
