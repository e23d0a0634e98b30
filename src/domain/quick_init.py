"""A frozen dataclass's `__init__`, made to store its fields straight into the instance.

The `__init__` that `dataclass(frozen=True)` writes sets each field through
`object.__setattr__` (the class's own `__setattr__` refuses), one call per field: about
three times the work of storing the values into the instance's `__dict__`. A placement
makes about a dozen such values and events, some eighty fields in all.

`quick_init(cls)` gives a frozen dataclass an `__init__` taking the same parameters (the
same names, kinds, defaults and default factories) that stores the fields into `__dict__`
and then calls `__post_init__` when the class has one, as the dataclass's own does. The
instance is the same: the same `__dict__`, as frozen as before. A class whose `__init__`
does more than store its fields (init-only variables, `init=False` fields) or that has no
`__dict__` (slots) is refused. A subclass is a dataclass of its own with its own
`__init__` (decorate it too where it pays).
"""

from __future__ import annotations

import inspect
from dataclasses import MISSING, fields, is_dataclass
from typing import Any, TypeVar

T = TypeVar("T")


def quick_init(cls: type[T]) -> type[T]:
    params = getattr(cls, "__dataclass_params__", None)
    if not is_dataclass(cls) or params is None or not params.frozen:
        raise TypeError(f"{cls.__qualname__} is not a frozen dataclass")
    if "__slots__" in cls.__dict__:
        raise TypeError(f"{cls.__qualname__} has slots: no __dict__ to store into")
    original = inspect.signature(cls.__init__)
    namespace: dict[str, Any] = {}
    body = []
    for f in fields(cls):
        parameter = original.parameters.get(f.name)
        if parameter is None:  # an init=False field: its value is not the caller's
            raise TypeError(f"{cls.__qualname__}.{f.name} is not set by __init__")
        if f.default_factory is not MISSING:
            # The dataclass's own sentinel stands for "not given", as in its __init__.
            namespace[f"_given_{f.name}"] = parameter.default
            namespace[f"_factory_{f.name}"] = f.default_factory
            body.append(
                f"__d[{f.name!r}] = _factory_{f.name}() "
                f"if {f.name} is _given_{f.name} else {f.name}"
            )
        else:
            body.append(f"__d[{f.name!r}] = {f.name}")
    if len(original.parameters) != len(fields(cls)) + 1:  # self, then one per field
        raise TypeError(f"{cls.__qualname__}.__init__ takes init-only variables")
    if hasattr(cls, "__post_init__"):
        body.append("self.__post_init__()")
    rendered = []
    for parameter in original.parameters.values():
        if parameter.kind is parameter.KEYWORD_ONLY and "*" not in rendered:
            rendered.append("*")
        if parameter.default is inspect.Parameter.empty:
            rendered.append(parameter.name)
        else:
            namespace[f"_default_{parameter.name}"] = parameter.default
            rendered.append(f"{parameter.name}=_default_{parameter.name}")
    source = f"def __init__({', '.join(rendered)}):\n    __d = self.__dict__\n    "
    exec(source + "\n    ".join(body), namespace)  # made of the class's own field names
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    init.__signature__ = original
    init.__wrapped__ = cls.__init__  # the dataclass's own (tests compare the two)
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
