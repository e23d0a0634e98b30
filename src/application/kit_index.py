"""The kits in force, as every process learns them from the event log (see log_follower)."""

from __future__ import annotations

from threading import Lock

from application.network import NetworkIndex
from domain.kit import Kit


class KitIndex:
    TOPICS = frozenset({Kit.Created.TOPIC, Kit.Defined.TOPIC})

    def __init__(self) -> None:
        self._lock = Lock()
        self._skus: dict[object, str] = {}  # kit aggregate id -> its SKU
        self._components: dict[str, dict[str, int]] = {}  # kit SKU -> {component: per kit}

    def is_kit(self, sku: str) -> bool:
        with self._lock:
            return sku in self._components

    def is_component(self, sku: str) -> bool:
        with self._lock:
            return any(sku in parts for parts in self._components.values())

    def learn(self, event: object) -> None:
        with self._lock:
            if isinstance(event, Kit.Created):
                self._skus[event.originator_id] = event.sku
            elif isinstance(event, Kit.Defined):
                self._components[self._skus[event.originator_id]] = dict(event.components)


class SkuCatalogue:
    """The SKUs an order or a kit may name: stocked ones (see NetworkIndex) and kits."""

    def __init__(self, network: NetworkIndex, kits: KitIndex) -> None:
        self._network = network
        self._kits = kits

    def is_kit(self, sku: str) -> bool:
        return self._kits.is_kit(sku)

    def is_component(self, sku: str) -> bool:
        return self._kits.is_component(sku)

    def known(self, sku: str) -> bool:
        """Some node ever held a stock record of it."""
        return self._network.known(sku)

    def orderable(self, sku: str) -> bool:
        return self._network.known(sku) or self._kits.is_kit(sku)
