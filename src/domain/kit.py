"""A kit: a SKU sold as a set of component SKUs, defined in numbered versions.

Each `PUT /kits/{sku}` that changes the definition is a new version (1, 2, ...); an order
line for the kit takes the definition in force when it is placed, so a later change never
rewrites an order already placed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, Protocol
from uuid import UUID, uuid5

from eventsourcing.domain import Aggregate

from domain.errors import InvalidRequest
from domain.limits import MAX_LINES, MAX_QUANTITY
from domain.values import NAMESPACE


class Catalogue(Protocol):
    """What defining a kit checks against: the SKUs the network knows and the other kits."""

    def is_kit(self, sku: str) -> bool: ...
    def is_component(self, sku: str) -> bool: ...
    def known(self, sku: str) -> bool: ...


def kit_id(sku: str) -> UUID:
    return uuid5(NAMESPACE, f"kit:{sku}")


class Kit(Aggregate):
    TOPIC = "oms:Kit"

    class Event(Aggregate.Event):
        TOPIC = "oms:Kit.Event"

    class Created(Event, Aggregate.Created):
        TOPIC = "oms:Kit.Created"
        sku: str

    class Defined(Event):
        TOPIC = "oms:Kit.Defined"
        components: dict[str, int]
        ship_together: bool

        def apply(self, kit: Kit) -> None:
            kit.components = dict(self.components)
            kit.ship_together = self.ship_together

    def __init__(self, sku: str) -> None:
        self.sku = sku
        self.components: dict[str, int] = {}
        self.ship_together = False

    @classmethod
    def start(cls, sku: str) -> Kit:
        return cls._create(cls.Created, id=kit_id(sku), sku=sku)

    @property
    def kit_version(self) -> int:
        return self.version - 1

    def define(
        self, components: Mapping[str, int], ship_together: bool, catalogue: Catalogue
    ) -> None:
        """A new version, unless nothing changed. Components are SKUs some node knows,
        none of them a kit itself, and a kit is no component of another (kits do not nest)."""
        if catalogue.is_component(self.sku):
            raise InvalidRequest(f"{self.sku} is a component of a kit: kits do not nest")
        check_components(self.sku, components, is_kit=catalogue.is_kit, known=catalogue.known)
        if dict(components) != self.components or ship_together != self.ship_together:
            self.trigger_event(
                self.Defined, components=dict(components), ship_together=ship_together
            )

    def answer(self) -> dict[str, Any]:
        return {
            "sku": self.sku,
            "version": self.kit_version,
            "components": [{"sku": s, "quantity": q} for s, q in self.components.items()],
            "ship_together": self.ship_together,
        }


def check_components(
    sku: str,
    components: Mapping[str, int],
    *,
    is_kit: Callable[[str], bool],
    known: Callable[[str], bool],
) -> None:
    if not components:
        raise InvalidRequest(f"kit {sku} needs at least one component")
    if len(components) > MAX_LINES:
        raise InvalidRequest(f"a kit has at most {MAX_LINES} components")
    for component, quantity in components.items():
        if component == sku:
            raise InvalidRequest(f"kit {sku} cannot contain itself")
        if not 0 < quantity <= MAX_QUANTITY:
            raise InvalidRequest(f"component {component}: quantity must be 1..{MAX_QUANTITY}")
        if is_kit(component):
            raise InvalidRequest(f"component {component} is a kit: kits do not nest")
        if not known(component):
            raise InvalidRequest(f"component {component}: no node has ever stocked it")
