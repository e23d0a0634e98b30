"""The pieces compiled fields are made of: small functions, each finishing one layer of a
response value (read an attribute, serialize a leaf, build a list or an object's dict).

A piece that meets a value it should not finish (a null where the schema says non-null,
a serializer giving nothing, something that is not a list) raises `CannotFinish`, and the
executor hands the field to graphql-core, which reports the error as it always does.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import structlog
from graphql import GraphQLField, GraphQLLeafType, GraphQLObjectType, Undefined

from interfaces.graphql.internals import enum_members, plain_attribute

log = structlog.get_logger(__name__)

Complete = Callable[[Any], Any]  # a field's resolved value -> its response value
Run = Callable[[Any], Any]  # the parent object -> the field's response value


class CannotFinish(Exception):
    """A compiled field met a value it leaves to graphql-core (which reports the error)."""


@functools.cache
def attribute(parent_type: GraphQLObjectType, field_name: str) -> str | None:
    """The attribute a field reads when its resolver is strawberry's plain one, else None."""
    field_def: GraphQLField | None = parent_type.fields.get(field_name)
    return None if field_def is None else plain_attribute(field_def)


@functools.cache
def serializer(leaf: GraphQLLeafType) -> Callable[[Any], Any]:
    """The type's `coerce_output_value`; for strawberry's enums, a dict lookup first.

    Strawberry's enum type finds a member's name by scanning all of the enum's values.
    """
    coerce = leaf.coerce_output_value
    members = enum_members(leaf)
    if members is None:
        return coerce
    try:
        names = {member: coerce(member) for member in members}
    except Exception as error:  # an enum strawberry cannot serialize whole: its own way
        log.info("enum serialized member by member", enum=leaf.name, error=repr(error))
        return coerce

    def serialize(value: Any) -> Any:
        name = names.get(value)
        return name if name is not None else coerce(value)

    return serialize


def leaf(serialize: Callable[[Any], Any]) -> Complete:
    def complete(value: Any) -> Any:
        result = serialize(value)
        if result is None or result is Undefined:
            raise CannotFinish
        return result

    return complete


def list_of(item: Complete) -> Complete:
    def complete(value: Any) -> Any:
        if not isinstance(value, list | tuple):
            raise CannotFinish
        return [item(each) for each in value]

    return complete


def object_of(fields: tuple[tuple[str, Run], ...]) -> Complete:
    def complete(value: Any) -> Any:
        return {key: run(value) for key, run in fields}

    return complete


def nullable(complete: Complete) -> Complete:
    def nullable(value: Any) -> Any:
        return None if value is None else complete(value)

    return nullable


def non_null(complete: Complete) -> Complete:
    def non_null(value: Any) -> Any:
        if value is None:
            raise CannotFinish
        return complete(value)

    return non_null


def read(name: str, complete: Complete) -> Run:
    def run(source: Any) -> Any:
        return complete(getattr(source, name))

    return run


def read_leaf(name: str, serialize: Callable[[Any], Any], *, null: bool) -> Run:
    """`read(name, ...)` of a leaf in one function: most of a response is leaves.

    `null` says whether the field may be null.
    """

    def run(source: Any) -> Any:
        value = getattr(source, name)
        if value is None:
            if null:
                return None
            raise CannotFinish
        result = serialize(value)
        if result is None or result is Undefined:
            raise CannotFinish
        return result

    return run


def constant(value: str) -> Run:
    return lambda _source: value


def finish(compiled: Callable[[Any], Any] | None, value: Any) -> Any:
    """`compiled(value)`; Undefined if nothing is compiled or it cannot finish the value."""
    if compiled is None:
        return Undefined
    try:
        return compiled(value)
    except CannotFinish:  # graphql-core's path runs instead and reports it
        return Undefined
    except Exception as error:
        # Not one of ours (an attribute missing, a serializer failing): graphql-core's
        # path runs instead and reports it to the client, but a compiled function that
        # fails where graphql-core would not is a bug, so it is logged.
        log.warning("compiled field fell back to graphql-core", error=repr(error))
        return Undefined
