"""A cheaper path through graphql-core's executor for plain fields, whole subtrees at once.

Most of a response (every `id`, `status` and `total` of a page of 100 orders, their lines
and shipments) is attributes read off objects already built from rows. graphql-core runs
each field through `execute_field`: a resolve info object, strawberry's resolver wrapper,
`complete_value`'s type dispatch and awaitable checks, about ten microseconds a field.

Here a field is *plain* when its resolver is strawberry's attribute read, it takes no
arguments and carries no directives, and its type is a scalar, an enum, an object type
whose selected fields are all plain, or a list of those. For a plain field the executor
compiles, once per request and selection, a function that reads the attribute and builds
the field's whole value (dicts and lists of serialized leaves) in one go. Anything not
plain, or a value a compiled function cannot finish (a null where the schema says
non-null, a serializer failing or giving nothing, something that is not a list), takes
graphql-core's own path for that field, so results and errors are the same either way.

The compiled functions depend only on the document (already shared through the parse
cache) unless it has directives (`@skip(if: $var)` makes the selection depend on the
variables), so for a document without any they are kept across requests too.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from graphql import (
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    Undefined,
)
from graphql.language import (
    FieldNode,
    FragmentDefinitionNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from interfaces.graphql.compiled import (
    Complete,
    Run,
    attribute,
    constant,
    finish,
    leaf,
    list_of,
    non_null,
    nullable,
    object_of,
    read,
    read_leaf,
    serializer,
)
from interfaces.graphql.internals import HookedExecutionContext, field_node, plain_details

SHARED_LIMIT = 10_000  # compiled fields kept across requests, then the cache starts over
# (kind, type, ids of the field nodes) -> (the nodes, kept alive so ids stay unique; function)
_shared: dict[tuple[str, GraphQLObjectType, tuple[int, ...]], tuple[tuple[Any, ...], Any]] = {}
# id of an operation -> (the operation, kept alive; whether it and its fragments are free
# of directives)
_directive_free: dict[int, tuple[OperationDefinitionNode, bool]] = {}


def _no_directives(selections: SelectionSetNode | None) -> bool:
    for node in selections.selections if selections is not None else ():
        if node.directives:
            return False
        if isinstance(node, FieldNode | InlineFragmentNode) and not _no_directives(
            node.selection_set
        ):
            return False
    return True


def directive_free(
    operation: OperationDefinitionNode, fragments: list[FragmentDefinitionNode]
) -> bool:
    """Whether the operation and the document's fragments use no directive at all."""
    known = _directive_free.get(id(operation))
    if known is not None and known[0] is operation:
        return known[1]
    free = _no_directives(operation.selection_set) and all(
        _no_directives(fragment.selection_set) for fragment in fragments
    )
    if len(_directive_free) >= SHARED_LIMIT:
        _directive_free.clear()
    _directive_free[id(operation)] = (operation, free)
    return free


class FastExecutionContext(HookedExecutionContext):
    """Strawberry's execution context with compiled plain fields (off with a middleware).

    `plain_field` answers a plain field by its compiled function, and `plain_object`
    builds an object whose selected fields are all plain in one call; every other field
    (and any value a compiled function cannot finish) goes through graphql-core as before.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._fast = self.without_middleware
        # (kind, type, id of the field group) -> (the group, kept alive; its function)
        self._compiled: dict[tuple[str, GraphQLObjectType, int], tuple[Any, Any]] = {}
        self._shareable = self._fast and directive_free(self.operation, self.fragment_nodes())

    def plain_field(self, parent_type: GraphQLObjectType, source: Any, group: Any) -> Any:
        if not self._fast:
            return Undefined
        return finish(self._field(parent_type, group), source)

    def plain_object(self, object_type: GraphQLObjectType, group: Any, value: Any) -> Any:
        if not self._fast:
            return Undefined
        return finish(self._selection(object_type, group), value)

    def _field(self, parent_type: GraphQLObjectType, group: Any) -> Run | None:
        """The compiled function of a plain field (source -> value), None if not plain."""
        run: Run | None = self._cached("field", parent_type, group, self._compile_field)
        return run

    def _selection(self, object_type: GraphQLObjectType, group: Any) -> Complete | None:
        """The compiled function building an object's selected fields, None if not plain."""
        build: Complete | None = self._cached("object", object_type, group, self._compile_selection)
        return build

    def _cached(
        self,
        kind: str,
        type_: GraphQLObjectType,
        group: Any,
        compile_: Callable[[GraphQLObjectType, Any], Any],
    ) -> Any:
        """`compile_(type_, group)`, cached for the request and, if shareable, across them."""
        key = (kind, type_, id(group))
        cached = self._compiled.get(key)
        if cached is not None:
            return cached[1]
        if not self._shareable:
            compiled = compile_(type_, group)
        else:
            nodes = tuple(map(field_node, group))
            shared_key = (kind, type_, tuple(map(id, nodes)))
            shared = _shared.get(shared_key)
            if shared is not None and all(a is b for a, b in zip(shared[0], nodes, strict=True)):
                compiled = shared[1]
            else:
                compiled = compile_(type_, group)
                if len(_shared) >= SHARED_LIMIT:
                    _shared.clear()
                _shared[shared_key] = (nodes, compiled)
        self._compiled[key] = (group, compiled)
        return compiled

    def _compile_field(self, parent_type: GraphQLObjectType, group: Any) -> Run | None:
        if not all(plain_details(details) for details in group):
            return None
        field_name = field_node(group[0]).name.value
        name = attribute(parent_type, field_name)
        if name is None:
            return None
        type_ = parent_type.fields[field_name].type
        inner = type_.of_type if isinstance(type_, GraphQLNonNull) else type_
        if isinstance(inner, GraphQLLeafType):
            return read_leaf(name, serializer(inner), null=inner is type_)
        complete = self._completion(type_, group)
        return None if complete is None else read(name, complete)

    def _completion(self, type_: GraphQLOutputType, group: Any) -> Complete | None:
        """How to turn a resolved value of `type_` into its response value, if plain."""
        if isinstance(type_, GraphQLNonNull):
            inner = self._completion(type_.of_type, group)
            return None if inner is None else non_null(inner)
        if isinstance(type_, GraphQLList):
            item = self._completion(type_.of_type, group)
            complete = None if item is None else list_of(item)
        elif isinstance(type_, GraphQLLeafType):
            complete = leaf(serializer(type_))
        elif isinstance(type_, GraphQLObjectType):
            complete = self._selection(type_, group)
        else:  # interfaces and unions need their runtime type resolved
            return None
        return None if complete is None else nullable(complete)

    def _compile_selection(self, object_type: GraphQLObjectType, group: Any) -> Complete | None:
        if object_type.is_type_of is not None:
            return None
        grouped = self.subfields(object_type, group)
        if grouped is None:
            return None
        fields = []
        for key, sub_group in grouped.items():
            node = field_node(sub_group[0])
            if node.name.value == "__typename" and not node.directives:
                fields.append((key, constant(object_type.name)))
                continue
            run = self._field(object_type, sub_group)
            if run is None:
                return None
            fields.append((key, run))
        return object_of(tuple(fields))
