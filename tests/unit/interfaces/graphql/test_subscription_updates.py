"""Which updates orderUpdates sends when the order moved on since the last one."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import uuid4

from interfaces.graphql.subscription import updates
from interfaces.graphql.types.order import Order

START = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def change(version: int, status: str) -> dict[str, Any]:
    return {"version": version, "status": status, "at": START + timedelta(minutes=version)}


def an_order(statuses: list[str]) -> Order:
    """The order now, at version len(statuses), whose event n left it in statuses[n-1]."""
    order_id, now = uuid4(), len(statuses)
    row = {
        "order_id": order_id,
        "external_ref": None,
        "channel": "WEB",
        "status": statuses[-1],
        "customer_id": "C-1",
        "customer_name": "Ada",
        "customer_email": "ada@example.com",
        "customer_phone": None,
        "delivery": {"method": "SHIP"},
        "holds": {},
        "hold_rules": {},
        "total": Decimal("10.00"),
        "authorized": Decimal(0),
        "invoiced": Decimal(0),
        "paid": Decimal(0),
        "refunded": Decimal(0),
        "requested_date": None,
        "placed_at": START,
        "updated_at": START + timedelta(minutes=now),
        "version": now,
    }
    timeline = [
        {**change(n, status), "type": "Event", "detail": "", "position": n, "order_id": order_id}
        for n, status in enumerate(statuses, start=1)
    ]
    return Order.from_row(row, timeline=timeline)


def sent(statuses: list[str], seen_version: int | None) -> list[tuple[str, int, int]]:
    """(status, version, timeline length) of each update after `seen_version`."""
    order = an_order(statuses)
    seen = None
    changes = []
    if seen_version is not None:
        seen = {"status": statuses[seen_version - 1], "version": seen_version}
        changes = [change(n, statuses[n - 1]) for n in range(seen_version + 1, len(statuses) + 1)]
    return [(str(u.status), u.version, len(u.timeline)) for u in updates(order, seen, changes)]


def test_the_first_update_is_the_order_as_it_is_now() -> None:
    assert sent(["PLACED", "ALLOCATED", "SHIPPED"], None) == [("SHIPPED", 3, 3)]


def test_each_status_passed_through_since_the_last_update_comes_before_the_order_now() -> None:
    statuses = ["ALLOCATED", "ALLOCATED", "SHIPPED", "SHIPPED", "DELIVERED"]
    assert sent(statuses, 1) == [("SHIPPED", 3, 3), ("DELIVERED", 5, 5)]


def test_a_status_left_and_come_back_to_is_still_seen() -> None:
    statuses = ["ALLOCATED", "ON_HOLD", "ALLOCATED"]
    assert sent(statuses, 1) == [("ON_HOLD", 2, 2), ("ALLOCATED", 3, 3)]


def test_changes_that_keep_the_status_give_one_update_for_the_order_now() -> None:
    statuses = ["ALLOCATED", "SHIPPED", "SHIPPED", "SHIPPED"]
    assert sent(statuses, 2) == [("SHIPPED", 4, 4)]
    assert sent(statuses, 1) == [("SHIPPED", 4, 4)]
