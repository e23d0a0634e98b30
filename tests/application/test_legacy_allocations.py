"""Allocation events stored before sourcing rules existed still load, in today's shape."""

import json
from dataclasses import replace
from uuid import UUID

from application.oms import OMS
from domain.order import Order
from domain.sourcing_explanation import candidate_rows
from tests.application.network import Network

V1_EXPLANATION = {
    "considered": [
        {"node": "DC1", "distance_km": 12.5, "eligible": True, "reason": "eligible"},
        {"node": "DC2", "distance_km": 80.0, "eligible": False, "reason": "down"},
    ],
    "rule": "single-node",
    "decided_by": "DC1",
}


def test_a_version_1_allocation_reads_back_with_its_candidates_and_default_rules(
    oms: OMS, network: Network
):
    network.stock("DC-NJ", "SKU-1", 5)
    order_id = network.place({"SKU-1": 1})["order_id"]
    event = next(e for e in oms.events.get(UUID(order_id)) if isinstance(e, Order.Allocated))
    stored = oms.mapper.to_stored_event(event)
    state = json.loads(stored.state)
    state.pop("class_version", None)
    state["explanation"] = V1_EXPLANATION
    state["reason"] = "re-sourced after DC9 rejected"
    state["shipments"] = [s["_data_"] for s in state["shipments"]]  # plain objects then
    old = replace(stored, state=json.dumps(state).encode())

    loaded = oms.mapper.to_domain_event(old)

    assert isinstance(loaded, Order.Allocated)
    assert loaded.explanation["rules_version"] == 0
    assert loaded.explanation["trigger"] == "REJECTED"
    assert [(c["node"], c["excluded_by"]) for c in candidate_rows(loaded.explanation)] == [
        ("DC1", None),
        ("DC2", "down"),
    ]
    assert loaded.explanation["chosen"] == sorted({s.node_code for s in event.shipments})


def test_a_version_2_allocation_with_one_object_per_candidate_reads_back_as_columns(
    oms: OMS, network: Network
):
    network.stock("DC-NJ", "SKU-1", 5)
    network.stock("DC-TX", "SKU-1", 2)
    order_id = network.place({"SKU-1": 1})["order_id"]
    event = next(e for e in oms.events.get(UUID(order_id)) if isinstance(e, Order.Allocated))
    stored = oms.mapper.to_stored_event(event)
    state = json.loads(stored.state)
    recorded = candidate_rows(state["explanation"])
    state["class_version"] = 2
    state["explanation"]["candidates"] = recorded
    old = replace(stored, state=json.dumps(state).encode())

    loaded = oms.mapper.to_domain_event(old)

    assert isinstance(loaded, Order.Allocated)
    assert candidate_rows(loaded.explanation) == recorded
    assert {c["node"] for c in recorded} >= {"DC-NJ", "DC-TX"}
    assert loaded.explanation["chosen"] == event.explanation["chosen"]
