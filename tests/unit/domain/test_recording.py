"""Orders and stock records record their events without the library's checks per event:
the events are still the library's, frozen, typed and replayable."""

from dataclasses import FrozenInstanceError, fields
from typing import Any
from uuid import UUID, uuid4

import pytest
from eventsourcing.domain import Aggregate

from domain import recording
from domain.node_stock import NodeStock
from domain.order import Order
from domain.values import Channel
from tests.unit.domain.builders import THE_ADDRESS, THE_CUSTOMER, a_placed_order, a_plan, a_stock


def values(event: Any) -> dict[str, Any]:
    """An event's fields but its timestamp (the moment it was made)."""
    return {f.name: getattr(event, f.name) for f in fields(event) if f.name != "timestamp"}


def state(aggregate: Aggregate) -> dict[str, Any]:
    """An aggregate's attributes but the moments and its pending events."""
    moments = {"_modified_on", "_created_on", "_pending_events"}
    return {k: v for k, v in vars(aggregate).items() if k not in moments}


def test_a_reservation_records_the_event_the_library_records() -> None:
    ours, theirs = a_stock(on_hand=10), a_stock(on_hand=10)
    ours.reserve("s-1", 3)
    Aggregate.trigger_event(theirs, NodeStock.Reserved, reference="s-1", quantity=3)

    mine, library = ours.pending_events[-1], theirs.pending_events[-1]
    assert type(mine) is type(library) is NodeStock.Reserved
    assert values(mine) == values(library)
    assert mine.timestamp.tzinfo == library.timestamp.tzinfo
    assert ours.modified_on == mine.timestamp
    assert state(ours) == state(theirs)


def test_a_placement_records_the_event_and_the_order_the_library_records() -> None:
    ours = a_placed_order(("SKU-1", 2, "10.00"), ("SKU-2", 1, "4.50"))
    placed = ours.pending_events[0]
    theirs = Order._create(
        Order.Placed, id=ours.id, **{k: v for k, v in values(placed).items() if k in ARGS}
    )

    assert type(placed) is type(theirs.pending_events[0]) is Order.Placed
    assert values(placed) == values(theirs.pending_events[0])
    assert state(ours) == state(theirs)
    assert (ours.version, ours.created_on) == (1, placed.timestamp)


ARGS = {"channel", "external_ref", "customer", "delivery", "lines", "requested_date", "payment"}


def test_recorded_events_are_frozen_and_replay_to_the_same_order() -> None:
    order = a_placed_order(("SKU-1", 2, "10.00"))
    order.allocate(a_plan({"DC1": {"SKU-1": 2}}), reason="placed")
    order.place_hold("FRAUD", "checking")

    with pytest.raises(FrozenInstanceError):
        order.pending_events[1].reason = "changed"  # type: ignore[misc]
    replayed = None
    for event in order.pending_events:
        replayed = event.mutate(replayed)
    assert replayed is not None
    assert state(replayed) == state(order)
    assert replayed.modified_on == order.modified_on == order.pending_events[-1].timestamp
    assert [e.originator_version for e in order.pending_events] == [1, 2, 3]


def test_a_placement_keeps_the_values_it_was_given() -> None:
    order = a_placed_order()
    assert (order.channel, order.customer, order.delivery.address) == (
        Channel.WEB,
        THE_CUSTOMER,
        THE_ADDRESS,
    )


class _Counter(Aggregate):
    class Started(Aggregate.Created):
        start: int

    def __init__(self, start: int) -> None:
        self.count = start


class _Named(Aggregate):
    class Started(Aggregate.Created):
        label: str

    def __init__(self, id: UUID, label: str) -> None:  # the library passes `id` by that name
        self.label = f"{label}:{id}"


def test_an_aggregate_created_here_is_the_one_its_first_event_replays_to() -> None:
    made = recording.create(_Counter, _Counter.Started, uuid4(), start=3)

    replayed = made.pending_events[0].mutate(None)
    assert type(made) is type(replayed) is _Counter
    assert vars(made) == {**vars(replayed), "_pending_events": made.pending_events}
    assert (made.count, made.version, made.created_on) == (3, 1, made.modified_on)


def test_an_aggregate_whose_init_takes_its_id_is_created_as_the_library_creates_it() -> None:
    named_id = uuid4()
    made = recording.create(_Named, _Named.Started, named_id, label="x")

    assert made.label == f"x:{named_id}"
    assert state(made) == state(made.pending_events[0].mutate(None))


class _Audited(Aggregate):
    class Counted(Aggregate.Event):
        by: int

        def apply(self, counter: Any) -> None:
            counter.count += self.by

    class Checked(Counted):
        def mutate(self, aggregate: Any) -> Any:
            aggregate.checked = True
            return super().mutate(aggregate)

    def __init__(self) -> None:
        self.count = 0


def test_a_recorded_event_applies_as_the_library_applies_it_and_its_own_mutate_is_kept() -> None:
    ours, theirs = _Audited(), _Audited()
    for aggregate in (ours, theirs):
        aggregate.collect_events()
    recording.trigger_event(ours, _Audited.Counted, by=2)
    recording.trigger_event(ours, _Audited.Checked, by=3)
    Aggregate.trigger_event(theirs, _Audited.Counted, by=2)
    Aggregate.trigger_event(theirs, _Audited.Checked, by=3)

    def recorded(aggregate: _Audited) -> list[tuple[type, int, int]]:
        return [(type(e), e.originator_version, e.by) for e in aggregate.pending_events]

    assert (
        recorded(ours) == recorded(theirs) == [(_Audited.Counted, 2, 2), (_Audited.Checked, 3, 3)]
    )
    assert all(e.originator_id == ours.id for e in ours.pending_events)
    assert (ours.count, ours.version, ours.checked) == (theirs.count, theirs.version, True)
    assert ours.modified_on == ours.pending_events[-1].timestamp
