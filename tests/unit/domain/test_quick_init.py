"""quick_init: the same instances as the dataclass's own __init__, for every class given one."""

from __future__ import annotations

import inspect
from dataclasses import FrozenInstanceError, InitVar, dataclass, field, fields
from typing import Any
from uuid import uuid4

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from domain.holds import Credit, Facts
from domain.node_stock import NodeStock
from domain.order import Order
from domain.order_values import Address, CustomerDetails, Delivery, LineItem, Payment
from domain.quick_init import quick_init
from domain.shipment import NewShipment, Reduction
from domain.sourcing import Plan, Request
from domain.sourcing_search import Outcome
from domain.values import GeoPoint

QUICK = [
    Address,
    Credit,
    CustomerDetails,
    Delivery,
    Facts,
    GeoPoint,
    LineItem,
    NewShipment,
    Outcome,
    Payment,
    Plan,
    Reduction,
    Request,
    NodeStock.Reserved,
    Order.Allocated,
    Order.Placed,
]

values = st.one_of(st.none(), st.integers(), st.text(max_size=5), st.tuples(st.integers()))


def made_both_ways(cls: type, args: list[Any], kwargs: dict[str, Any]) -> tuple[Any, Any]:
    quick = cls(*args, **kwargs)
    own = object.__new__(cls)
    cls.__init__.__wrapped__(own, *args, **kwargs)  # type: ignore[misc]
    return quick, own


@pytest.mark.parametrize("cls", QUICK, ids=lambda c: c.__qualname__)
@settings(deadline=None)  # a loaded machine is no failure
@given(data=st.data())
def test_every_quick_class_makes_what_its_dataclass_init_makes(cls: type, data: Any) -> None:
    names = [f.name for f in fields(cls)]
    given_values = {name: data.draw(values, label=name) for name in names}
    if "originator_id" in given_values:  # events check that it is a UUID
        given_values["originator_id"] = uuid4()
    split = data.draw(st.integers(0, len(names)), label="positional")
    args = [given_values[name] for name in names[:split]]
    kwargs = {name: given_values[name] for name in names[split:]}
    quick, own = made_both_ways(cls, args, kwargs)
    assert type(quick) is type(own)
    assert vars(quick) == vars(own)
    assert quick == own


@pytest.mark.parametrize("cls", QUICK, ids=lambda c: c.__qualname__)
def test_every_quick_class_keeps_its_signature(cls: type) -> None:
    assert inspect.signature(cls.__init__) == inspect.signature(cls.__init__.__wrapped__)


@quick_init
@dataclass(frozen=True)
class Sample:
    a: int
    b: str = "b"
    c: list[int] = field(default_factory=list)
    _: Any = field(default=None, kw_only=True)
    d: int = field(default=4, kw_only=True)


def test_defaults_and_factories_are_filled_as_the_dataclass_fills_them() -> None:
    first, second = Sample(1), Sample(1)
    assert vars(first) == {"a": 1, "b": "b", "c": [], "_": None, "d": 4}
    assert first.c is not second.c
    assert vars(Sample(1, "x", [2], d=5)) == {"a": 1, "b": "x", "c": [2], "_": None, "d": 5}


def test_keyword_only_fields_stay_keyword_only() -> None:
    with pytest.raises(TypeError):
        Sample(1, "x", [], None, 5)  # type: ignore[misc]


def test_a_missing_argument_is_refused() -> None:
    with pytest.raises(TypeError):
        Sample()  # type: ignore[call-arg]


def test_instances_stay_frozen() -> None:
    with pytest.raises(FrozenInstanceError):
        Sample(1).a = 2  # type: ignore[misc]


def test_post_init_still_runs() -> None:
    with pytest.raises(TypeError, match="non-UUID originator_id"):
        NodeStock.Reserved(
            originator_id="not a uuid",  # type: ignore[arg-type]
            originator_version=2,
            timestamp=None,  # type: ignore[arg-type]
            reference="r",
            quantity=1,
        )


@dataclass
class Thawed:
    a: int


@dataclass(frozen=True, slots=True)
class Slotted:
    a: int


@dataclass(frozen=True)
class Computed:
    a: int
    b: int = field(init=False, default=0)


@dataclass(frozen=True)
class WithInitVar:
    a: int
    scale: InitVar[int] = 1


@pytest.mark.parametrize("cls", [Thawed, Slotted, Computed, WithInitVar])
def test_classes_it_cannot_serve_as_they_are_are_refused(cls: type) -> None:
    with pytest.raises(TypeError):
        quick_init(cls)
