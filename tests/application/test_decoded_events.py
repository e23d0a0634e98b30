"""Each logged event is decoded once in a process, whichever of its readers asks first."""

from __future__ import annotations

from eventsourcing.persistence import Notification

from application.arrival_policy import ArrivalPolicy
from application.decoded_events import DecodedEvents
from application.oms import OMS
from application.personal_data import PersonalMapper
from domain.order import Order
from tests.application.counting_mapper import CountingMapper
from tests.application.network import Network


def counting(oms: OMS, size: int = 100) -> CountingMapper:
    assert isinstance(oms.mapper, PersonalMapper)
    mapper = CountingMapper(oms.mapper)
    oms.mapper = mapper  # what reads the log without the shared decoding would use
    oms.decoded = DecodedEvents(mapper, size)
    return mapper


def log(oms: OMS) -> list[Notification]:
    return list(oms.recorder.select_notifications(1, 1_000))


def test_events_asked_for_by_two_readers_are_decoded_once_and_handed_to_both(
    oms: OMS, network: Network
) -> None:
    network.stock("DC-NJ", "TEE", 5)
    network.place({"TEE": 1})
    mapper = counting(oms)
    notifications = log(oms)

    first = oms.decoded.of(notifications[:-1])
    second = oms.decoded.of(notifications[1:])

    assert set(mapper.decoded.values()) == {1}
    assert len(mapper.decoded) == len(notifications)
    assert all(a is b for a, b in zip(first[1:], second[:-1], strict=True))
    assert [type(e).__name__ for e in second] == [
        type(oms.mapper.to_domain_event(n)).__name__ for n in notifications[1:]
    ]


def test_only_the_newest_events_are_kept(oms: OMS, network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    mapper = counting(oms, size=2)
    notifications = log(oms)

    oms.decoded.of(notifications)
    oms.decoded.of(notifications[-2:])
    oms.decoded.of(notifications[:1])

    assert mapper.decoded[notifications[0].id] == 2
    assert mapper.decoded[notifications[-1].id] == 1


def test_events_decoded_before_an_erasure_are_decoded_again_after_it(
    oms: OMS, network: Network
) -> None:
    network.stock("DC-NJ", "TEE", 5)
    network.place({"TEE": 1})
    counting(oms)
    placed = [n for n in log(oms) if n.topic == Order.Placed.TOPIC]
    assert oms.decoded.of(placed)[0].customer.name == "Ada"

    oms.erase_personal_data("C-1")

    assert oms.decoded.of(placed)[0].customer.name == "[erased]"


def test_the_log_follower_and_the_arrival_policy_share_one_decoding_of_an_allocation(
    oms: OMS, network: Network
) -> None:
    network.stock("DC-NJ", "TEE", 1)
    network.place({"TEE": 2})  # one unit backordered
    other = OMS(oms.env)  # a process that did not write these events: it reads them
    other.recorder = other.events.recorder = oms.recorder
    other.sealer.keys = oms.sealer.keys
    mapper = counting(other)
    (allocated,) = [n for n in log(oms) if n.topic == Order.Allocated.TOPIC]

    other.follower.catch_up()
    ArrivalPolicy(other).run_once()

    assert mapper.decoded[allocated.id] == 1
    assert other.backorders.waiting("TEE")
