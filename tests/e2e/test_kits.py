"""Kits over HTTP on the real database: defined in versions, ordered as one line, sourced
as components (from one node when they ship together), followed through GraphQL."""

from __future__ import annotations

from typing import Any
from uuid import UUID

import pytest

from tests.e2e.agreement import order_agrees, stock_agrees
from tests.e2e.graphql_server import Live, live
from tests.e2e.helpers import (
    PARIS,
    UTRECHT,
    fulfil,
    ok,
    order_body,
    place,
    problem,
    receive,
    register,
    unique,
)

__all__ = ["live"]

KIT_LINES = """
query($id: ID!) {
  order(id: $id) {
    status total
    lines {
      sku quantity allocated shipped delivered backordered
      kit { shipTogether components { sku perKit allocated shipped delivered } }
    }
    shipments { nodeCode status lines { sku quantity } }
  }
}
"""


def camera_network(live: Live) -> tuple[str, str, str, str]:
    """Near: 2 bodies and 3 lenses (not enough for two kits); far: enough for two."""
    near, far, body, lens = unique("DC"), unique("DC"), unique("BODY"), unique("LENS")
    register(live.rest, near, at=UTRECHT)
    register(live.rest, far, at=PARIS)
    for code, lenses in ((near, 3), (far, 4)):
        receive(live.rest, code, body, 2)
        receive(live.rest, code, lens, lenses)
    return near, far, body, lens


def define(live: Live, sku: str, components: dict[str, int], together: bool) -> dict[str, Any]:
    body = {
        "components": [{"sku": s, "quantity": q} for s, q in components.items()],
        "ship_together": together,
    }
    return ok(live.rest.put(f"/kits/{sku}", json=body))


def test_a_ship_together_kit_comes_whole_from_one_node_and_is_tracked_as_kit_and_parts(
    live: Live,
) -> None:
    near, far, body, lens = camera_network(live)
    kit = unique("KIT")
    defined = define(live, kit, {body: 1, lens: 2}, together=True)
    assert (defined["version"], defined["ship_together"]) == (1, True)

    placed = place(live.rest, {kit: 2})

    assert placed["status"] == "ALLOCATED"
    assert [(s["node_code"], _lines(s)) for s in placed["shipments"]] == [(far, {body: 2, lens: 4})]
    order = live.read(KIT_LINES, {"id": placed["order_id"]}, after=placed["position"])["order"]
    [line] = order["lines"]
    assert (line["sku"], line["quantity"], line["allocated"], line["backordered"]) == (
        kit,
        2,
        2,
        0,
    )
    assert line["kit"] == {
        "shipTogether": True,
        "components": [
            {"sku": body, "perKit": 1, "allocated": 2, "shipped": 0, "delivered": 0},
            {"sku": lens, "perKit": 2, "allocated": 4, "shipped": 0, "delivered": 0},
        ],
    }
    assert order["total"] == "20.00"
    order_agrees(live, placed["order_id"], placed["position"])
    stock_agrees(live, [body, lens], placed["position"])

    delivered = fulfil(live.rest, placed["order_id"], placed["shipments"][0]["shipment_id"])

    assert delivered["status"] == "DELIVERED"
    order = live.read(KIT_LINES, {"id": placed["order_id"]}, after=delivered["position"])["order"]
    assert (order["lines"][0]["delivered"], order["status"]) == (2, "DELIVERED")
    assert live.server.oms.order(UUID(placed["order_id"])).invoiced == 20
    order_agrees(live, placed["order_id"], delivered["position"])
    stock_agrees(live, [body, lens], delivered["position"])
    assert live.server.oms.stock(far, lens).on_hand == 0
    assert live.server.oms.stock(near, lens).reserved == 0
    returned = return_one_kit(live, placed["order_id"], kit, near)
    assert (
        live.server.oms.stock(near, body).on_hand,
        live.server.oms.stock(near, lens).on_hand,
    ) == (3, 5)
    order_agrees(live, placed["order_id"], returned["position"])
    stock_agrees(live, [body, lens], returned["position"])
    assert live.server.oms.network.holders(kit) == set()  # no stock of the kit itself
    invoice = live.rest.get(f"/orders/{placed['order_id']}/documents/invoice")
    assert invoice.status_code == 200, invoice.text
    assert body in invoice.text
    assert "20.00" in invoice.text


def test_a_kit_that_need_not_ship_together_is_sourced_part_by_part(live: Live) -> None:
    near, far, body, lens = unique("DC"), unique("DC"), unique("BODY"), unique("LENS")
    register(live.rest, near, at=UTRECHT)
    register(live.rest, far, at=PARIS)
    receive(live.rest, near, body, 2)
    receive(live.rest, far, lens, 4)
    loose, together = unique("KIT"), unique("KIT")
    define(live, loose, {body: 1, lens: 2}, together=False)
    define(live, together, {body: 1, lens: 2}, together=True)

    placed = place(live.rest, {loose: 2})
    waiting = place(live.rest, {together: 1})  # no node holds a whole kit

    assert {s["node_code"]: _lines(s) for s in placed["shipments"]} == {
        near: {body: 2},
        far: {lens: 4},
    }
    assert (waiting["status"], waiting["backorders"]) == (
        "BACKORDERED",
        [{"sku": together, "quantity": 1}],
    )
    for answer in (placed, waiting):
        order_agrees(live, answer["order_id"], waiting["position"])
    stock_agrees(live, [body, lens], waiting["position"])


def test_a_kit_nobody_can_fill_whole_waits_and_a_cancel_releases_nothing_it_never_held(
    live: Live,
) -> None:
    _, _, body, lens = camera_network(live)
    kit = unique("KIT")
    define(live, kit, {body: 1, lens: 2}, together=True)

    placed = place(live.rest, {kit: 3})  # no node holds six lenses

    assert (placed["status"], placed["shipments"]) == ("BACKORDERED", [])
    assert placed["backorders"] == [{"sku": kit, "quantity": 3}]
    cancelled = ok(live.rest.post(f"/orders/{placed['order_id']}/cancel", json={"reason": "x"}))
    assert cancelled["status"] == "CANCELLED"
    order_agrees(live, placed["order_id"], cancelled["position"])
    stock_agrees(live, [body, lens], cancelled["position"])


def test_a_changed_kit_is_a_new_version_and_placed_orders_keep_theirs(live: Live) -> None:
    _, _, body, lens = camera_network(live)
    kit = unique("KIT")
    define(live, kit, {body: 1, lens: 2}, together=True)
    first = place(live.rest, {kit: 1})

    changed = define(live, kit, {body: 1, lens: 1}, together=False)
    second = place(live.rest, {kit: 1})

    assert changed["version"] == 2
    current = live.rest.get(f"/kits/{kit}")
    assert (current.status_code, current.json()["version"]) == (200, 2)
    carried = [sum(_lines(s).values()) for s in (first["shipments"][0], second["shipments"][0])]
    assert carried == [3, 2]


@pytest.mark.parametrize(
    "case",
    ["nested", "unknown component", "itself", "twice", "zero", "stocked sku", "empty"],
)
def test_a_bad_kit_definition_is_a_422_problem(live: Live, case: str) -> None:
    _, _, body, lens = camera_network(live)
    inner, kit = unique("KIT"), unique("KIT")
    define(live, inner, {body: 1}, together=False)
    components: list[dict[str, Any]] = {
        "nested": [{"sku": inner, "quantity": 1}],
        "unknown component": [{"sku": unique("GHOST"), "quantity": 1}],
        "itself": [{"sku": kit, "quantity": 1}],
        "twice": [{"sku": body, "quantity": 1}, {"sku": body, "quantity": 2}],
        "zero": [{"sku": body, "quantity": 0}],
        "stocked sku": [{"sku": lens, "quantity": 1}],
        "empty": [],
    }[case]
    target = body if case == "stocked sku" else kit

    problem(live.rest.put(f"/kits/{target}", json={"components": components}), 422)


def test_an_order_naming_a_sku_twice_through_a_kit_is_refused(live: Live) -> None:
    _, _, body, lens = camera_network(live)
    kit = unique("KIT")
    define(live, kit, {body: 1, lens: 2}, together=True)

    problem(live.rest.post("/orders", json=order_body({kit: 1, body: 1})), 422)
    problem(live.rest.get(f"/kits/{unique('KIT')}"), 404)


def return_one_kit(live: Live, order_id: str, kit: str, node: str) -> dict[str, Any]:
    """Return one kit by mail and restock it at `node`; the inspection's answer."""
    line = {"sku": kit, "quantity": 1, "reason": "not needed"}
    body = {"order_id": order_id, "lines": [line], "method": "MAIL"}
    rid = ok(live.rest.post("/returns", json=body), 201)["return_id"]
    ok(live.rest.post(f"/returns/{rid}/receive", json={"node_code": node}))
    inspected = [{"sku": kit, "quantity": 1, "disposition": "RESTOCK"}]
    return ok(live.rest.post(f"/returns/{rid}/inspect", json={"lines": inspected}))


def _lines(shipment: dict[str, Any]) -> dict[str, int]:
    return {line["sku"]: line["quantity"] for line in shipment["lines"]}
