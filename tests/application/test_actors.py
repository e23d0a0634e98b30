"""Every stored event names who caused it and by which command."""

from __future__ import annotations

import json
from uuid import UUID

from eventsourcing.persistence import StoredEvent

from application.actor import Actor, acting_as, actor_of
from application.oms import OMS
from domain.order import Order
from domain.values import node_stock_id
from tests.application.network import Network


def stored_actors(oms: OMS, aggregate_id: UUID) -> list[dict[str, object] | None]:
    return [actor_of(e) for e in oms.events.get(aggregate_id)]


def test_the_events_of_a_command_name_the_actor_and_the_command(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    with acting_as(Actor("agent", "alice", "req-42")):
        answer = network.place({"TEE": 2})

    expected = {
        "role": "agent",
        "key_name": "alice",
        "request_id": "req-42",
        "command": "place_order",
    }
    order_id = UUID(answer["order_id"])
    assert stored_actors(network.oms, order_id) == [expected, expected]  # placed, allocated
    # The reservation on the node, saved in the same transaction, names the same command.
    assert stored_actors(network.oms, node_stock_id("DC-NJ", "TEE"))[-1] == expected


def test_an_idempotency_record_names_the_actor_too(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    with acting_as(Actor("agent", "alice", "req-7")):
        network.place({"TEE": 1}, idempotency_key="k-1")

    records = [
        n for n in network.oms.recorder.select_notifications(1, 1000) if "Idempotency" in n.topic
    ]
    assert records
    for notification in records:
        event = network.oms.mapper.to_domain_event(notification)
        assert actor_of(event) == {
            "role": "agent",
            "key_name": "alice",
            "request_id": "req-7",
            "command": "place_order",
        }


def test_work_done_outside_any_request_is_the_unattributed_systems(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 1)

    actor = stored_actors(network.oms, node_stock_id("DC-NJ", "TEE"))[-1]

    assert actor == {
        "role": "system",
        "key_name": "unattributed",
        "request_id": None,
        "command": "receive_stock",
    }


def test_a_policy_names_itself_as_the_actor(network: Network) -> None:
    with acting_as(Actor.policy("backorder-allocation")):
        network.stock("DC-NJ", "TEE", 1)

    actor = stored_actors(network.oms, node_stock_id("DC-NJ", "TEE"))[-1]

    assert actor is not None
    assert (actor["role"], actor["key_name"]) == ("policy", "backorder-allocation")


def test_events_stored_before_actors_were_kept_still_load(network: Network) -> None:
    network.stock("DC-NJ", "TEE", 5)
    answer = network.place({"TEE": 2})
    order_id = UUID(answer["order_id"])
    oms = network.oms
    # Rewrite the order's events as an older version of the OMS stored them: no actor.
    old = []
    for event in oms.events.get(order_id):
        stored = oms.mapper.to_stored_event(event)
        state = json.loads(stored.state)
        del state["actor"]
        old.append(
            StoredEvent(
                stored.originator_id,
                stored.originator_version,
                stored.topic,
                json.dumps(state).encode(),
            )
        )
    fresh = OMS(env={"PERSISTENCE_MODULE": "eventsourcing.popo"})
    fresh.recorder.insert_events(old)

    order = fresh.repository.get(order_id)

    assert isinstance(order, Order)
    assert order.version == 2
    assert [actor_of(e) for e in fresh.events.get(order_id)] == [None, None]
