"""Kits: defining one (a new version each change), reading it, and kit lines of an order."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from application.base import OMSBase
from application.command import Answer, Outcome
from application.commands import DefineKit, Line
from domain.errors import InvalidRequest, NotFound
from domain.kit import Kit, kit_id
from domain.order_values import LineItem


class KitCommands(OMSBase):
    def define_kit(self, sku: str, cmd: DefineKit, *, idempotency_key: str | None = None) -> Answer:
        return self.run(idempotency_key, self._define_kit, sku, cmd)

    def _define_kit(self, sku: str, cmd: DefineKit) -> Outcome:
        kit = self.find(kit_id(sku))
        if kit is None:
            if self.network.known(sku):
                raise InvalidRequest(f"{sku} is stocked as a SKU of its own: it cannot be a kit")
            kit = Kit.start(sku)
        components = {c.sku: c.quantity for c in cmd.components}
        kit.define(components, cmd.ship_together, self.catalogue)
        return Outcome(kit.answer(), [kit])

    def kit(self, sku: str) -> dict[str, Any]:
        return self.writer.read(lambda: self._kit(sku))

    def _kit(self, sku: str) -> dict[str, Any]:
        self.follower.catch_up()
        found = self.find(kit_id(sku))
        if not isinstance(found, Kit):
            raise NotFound(f"no kit {sku!r}")
        return found.answer()


def kit_lines(app: OMSBase, lines: Iterable[Line]) -> list[LineItem]:
    """Order lines as placed, each kit line with the definition in force (and its version)."""
    result = []
    for line in lines:
        kit = app.peek(kit_id(line.sku)) if app.kits.is_kit(line.sku) else None
        if kit is not None and isinstance(kit, Kit):  # an ABC's isinstance costs
            components = dict(kit.components)
            item = LineItem(
                line.sku,
                line.quantity,
                line.unit_price,
                components,
                kit.ship_together,
                kit.kit_version,
            )
        else:
            item = LineItem(line.sku, line.quantity, line.unit_price)
        result.append(item)
    return result
