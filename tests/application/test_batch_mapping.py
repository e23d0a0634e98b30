"""A save's events are mapped in one pass, to the same bytes as the mapper makes one by one."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from application import personal_data, saving
from application.batch_mapping import to_stored_events
from application.commands import PlaceOrder
from application.oms import OMS
from application.settings import in_memory_env
from application.subject_context import NoDataSubject, data_subject
from domain.order import Order
from tests.application.network import NEW_YORK, Network


@pytest.fixture
def oms() -> Iterator[OMS]:
    app = OMS(in_memory_env(), snapshot_interval=2)
    yield app
    app.close()


def saved_events(oms: OMS, customers: list[str]) -> list[Any]:
    """The events (snapshots included) the OMS saved placing one order per customer."""
    saved: list[Any] = []
    Network(oms).stock("DC-NJ", "TEE", 50)
    mapper = oms.mapper
    to_stored_event = mapper.to_stored_event

    def noted(event: Any) -> Any:  # snapshots are mapped one by one
        saved.append(event)
        return to_stored_event(event)

    def batch_noted(mapper: Any, events: Any) -> Any:
        saved.extend(events)
        return to_stored_events(mapper, events)

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(mapper, "to_stored_event", noted)
        patch.setattr(saving, "to_stored_events", batch_noted)
        for customer in customers:
            oms.place_order(order_for(customer))
    return saved


def order_for(customer: str) -> PlaceOrder:
    return PlaceOrder(
        channel="WEB",
        customer={"id": customer, "name": f"Name of {customer}", "email": "a@example.com"},
        delivery={"method": "SHIP", "address": NEW_YORK},
        lines=[{"sku": "TEE", "quantity": 1, "unit_price": "10.00"}],
    )


def test_a_batch_maps_to_the_bytes_of_the_mapper_one_event_at_a_time(
    oms: OMS, monkeypatch: pytest.MonkeyPatch
) -> None:
    events = saved_events(oms, ["C-1", "C-2", "C-1"])
    assert any(isinstance(e, Order.Snapshot) for e in events)
    monkeypatch.setattr(personal_data.os, "urandom", lambda n: b"\x01" * n)  # same nonces
    assert to_stored_events(oms.mapper, events) == [oms.mapper.to_stored_event(e) for e in events]


def test_each_event_of_a_batch_is_sealed_under_its_own_customers_key(oms: OMS) -> None:
    events = [e for e in saved_events(oms, ["C-1", "C-2"]) if isinstance(e, Order.Placed)]
    stored = to_stored_events(oms.mapper, events)
    decoded = [oms.mapper.to_domain_event(s) for s in stored]
    assert [e.customer.id for e in decoded] == ["C-1", "C-2"]
    assert [e.customer.name for e in decoded] == [e.customer.name for e in events]
    keys = [s.state.split(b'"key":"')[1][:32] for s in stored]
    assert keys[0] != keys[1]


def test_an_event_naming_no_customer_is_sealed_for_the_callers_or_refused(oms: OMS) -> None:
    (placed,) = [e for e in saved_events(oms, ["C-1"]) if isinstance(e, Order.Placed)]
    old = Order.AddressChanged(  # as an earlier release stored it: no customer named
        originator_id=placed.originator_id,
        originator_version=9,
        timestamp=placed.timestamp,
        address=placed.delivery.address,
        customer_id=None,
    )
    with pytest.raises(NoDataSubject):
        to_stored_events(oms.mapper, [old])
    with data_subject("C-1"):
        (stored,) = to_stored_events(oms.mapper, [old])
    decoded = oms.mapper.to_domain_event(stored)
    assert isinstance(decoded, Order.AddressChanged)
    assert decoded.address == placed.delivery.address
