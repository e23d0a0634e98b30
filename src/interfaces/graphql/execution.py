"""A cheaper path through graphql-core's executor for plain scalar and enum fields.

Most fields of a response (every `id`, `status`, `total`, `placedAt` of a page of 100
orders) are attributes read off an object and serialized. graphql-core runs each through
`execute_field`: a resolve info object, strawberry's resolver wrapper, `complete_value`'s
type dispatch and two awaitable checks, about ten microseconds a field. Here a field
whose resolver is strawberry's plain attribute read, with a leaf type, is read with
`getattr` and serialized directly. Anything else, or a value the fast path cannot finish
(None, an exception, a serializer giving nothing), takes graphql-core's own path, so
results and errors are the same either way.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLField,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    Undefined,
    is_leaf_type,
)
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext
from strawberry.schema.schema_converter import GraphQLCoreConverter

Plan = tuple[str, Callable[[Any], Any]] | None
_plans: dict[tuple[GraphQLObjectType, str], Plan] = {}


def _plan(parent_type: GraphQLObjectType, field_name: str) -> Plan:
    """(attribute, serialize) if the field is a plain attribute of a leaf type, else None."""
    field_def: GraphQLField | None = parent_type.fields.get(field_name)
    if field_def is None or field_def.args or not getattr(field_def.resolve, "_is_default", 0):
        return None
    definition = (field_def.extensions or {}).get(GraphQLCoreConverter.DEFINITION_BACKREF)
    if definition is None or not definition.is_basic_field:
        return None
    if getattr(definition, "default_resolver", getattr) is not getattr:
        return None
    leaf = field_def.type
    if isinstance(leaf, GraphQLNonNull):
        leaf = leaf.of_type
    if not is_leaf_type(leaf) or not isinstance(leaf, GraphQLLeafType):
        return None
    return definition.python_name, _serializer(leaf)


def _serializer(leaf: GraphQLLeafType) -> Callable[[Any], Any]:
    """The type's `coerce_output_value`; for strawberry's enums, a dict lookup first.

    Strawberry's enum type finds a member's name by scanning all of the enum's values.
    """
    coerce = leaf.coerce_output_value
    members = getattr(leaf, "wrapped_cls", None)
    if not isinstance(leaf, GraphQLEnumType) or members is None:
        return coerce
    try:
        names = {member: coerce(member) for member in members}
    except Exception:  # an enum strawberry cannot serialize whole: leave it to strawberry
        return coerce

    def serialize(value: Any) -> Any:
        name = names.get(value)
        return name if name is not None else coerce(value)

    return serialize


class FastExecutionContext(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's execution context with the fast path (off when a middleware is set).

    Only `execute_field` is overridden: a planned leaf is answered directly, every other
    field (and any leaf the fast path cannot finish) goes through graphql-core as before.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        manager = self.middleware_manager
        self._fast = manager is None or not manager.middlewares

    def _leaf(self, parent_type: GraphQLObjectType, source: Any, details: Any) -> Any:
        """The field's serialized value by the fast path, or Undefined to go the long way."""
        node = details[0].node
        if node.arguments or node.directives:
            return Undefined
        key = (parent_type, node.name.value)
        try:
            plan = _plans[key]
        except KeyError:
            plan = _plans[key] = _plan(parent_type, node.name.value)
        if plan is None:
            return Undefined
        try:
            value = getattr(source, plan[0])
            if value is None:
                return Undefined
            coerced = plan[1](value)
        except Exception:  # the generic path reports it
            return Undefined
        return Undefined if coerced is None else coerced

    def execute_field(
        self,
        parent_type: GraphQLObjectType,
        source: Any,
        field_details_list: Any,
        path: Any,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if self._fast:
            value = self._leaf(parent_type, source, field_details_list)
            if value is not Undefined:
                return value
        return super().execute_field(parent_type, source, field_details_list, path, *args, **kwargs)
